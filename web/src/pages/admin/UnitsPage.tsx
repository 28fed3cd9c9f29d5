import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createUnit, listUnits, UNIT_KINDS } from '../../api/admin';
import { enumLabel, enumOptions } from '../../components/labels';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { unitOptions, unitTree } from '../../logic/units';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

export function UnitsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('admin.units') }));
  const [creating, setCreating] = useState(false);
  const query = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => listUnits(signal) });
  const rows = unitTree(query.data ?? []);

  return (
    <Stack gap="lg" maw={900}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('admin.units')}</Title>
          <Text c="dimmed" size="sm">
            {t('admin.unitsSubtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('admin.createUnit')}
        </Button>
      </Group>
      <QueryState query={query} title={t('common.loadFailed')} />
      {rows.length > 0 && (
        <Paper withBorder radius="md" p="sm">
          <Stack gap={0} component="ul" role="tree" p={0} m={0} style={{ listStyle: 'none' }}>
            {rows.map(({ unit, depth }) => (
              <Group
                key={unit.id}
                component="li"
                role="treeitem"
                aria-level={depth + 1}
                gap="xs"
                py={6}
                pl={depth * 24 + 4}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Text fw={depth === 0 ? 600 : 400}>{unit.name}</Text>
                <Badge size="sm" variant="light" tt="none">
                  {enumLabel(t, 'unitKinds', unit.kind)}
                </Badge>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {creating && <CreateUnitDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function CreateUnitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => listUnits(signal) });
  const [name, setName] = useState('');
  const [kind, setKind] = useState('department');
  const [parent, setParent] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      createUnit({ name: name.trim(), kind, ...(parent !== '' ? { parent_id: parent } : {}) }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('admin.unitCreated') });
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
  });
  const { fieldError, submit } = useValidatedForm<'name' | 'kind' | 'parent_id'>({
    problems: { name: name.trim() === '' ? 'required' : undefined },
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });
  const parentOptions = unitOptions(unitTree(units.data ?? []));

  return (
    <Modal opened onClose={onClose} title={t('admin.createUnit')} centered>
      <form noValidate onSubmit={submit(() => mutation.mutate())}>
        <Stack gap="sm">
          <MutationError error={mutation.error} />
          <TextInput
            label={t('admin.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
          <NativeSelect
            label={t('admin.kind')}
            required
            data={enumOptions(t, 'unitKinds', UNIT_KINDS)}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            error={fieldError('kind')}
          />
          <NativeSelect
            label={t('admin.parent')}
            data={[{ value: '', label: t('admin.noParent') }, ...parentOptions]}
            value={parent}
            onChange={(e) => setParent(e.currentTarget.value)}
            error={fieldError('parent_id')}
          />
          <FormActions pending={mutation.isPending} onCancel={onClose} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
