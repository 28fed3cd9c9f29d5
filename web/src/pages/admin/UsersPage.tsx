import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createUser, listUnits, listUsers, setUserDisabled } from '../../api/admin';
import { ROLES } from '../../api/auth';
import { roleLabel } from '../../components/roleLabel';
import { validateUser, type UserDraft } from '../../logic/forms';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { unitOptions, unitTree } from '../../logic/units';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';
import { notifyFailure } from '../../components/notifyFailure';

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('admin.users') }));
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const query = useQuery({ queryKey: ['users'], queryFn: ({ signal }) => listUsers(signal) });
  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      setUserDisabled(id, disabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
    onError: (error) => notifyFailure(t('common.failed'), error, t),
  });

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('admin.users')}</Title>
          <Text c="dimmed" size="sm">
            {t('admin.usersSubtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('admin.createUser')}
        </Button>
      </Group>
      <QueryState query={query} title={t('common.loadFailed')} />
      {query.data && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.fullName')}</Table.Th>
                  <Table.Th>{t('admin.login')}</Table.Th>
                  <Table.Th>{t('admin.role')}</Table.Th>
                  <Table.Th>{t('admin.unit')}</Table.Th>
                  <Table.Th>{t('admin.status')}</Table.Th>
                  <Table.Th>{t('admin.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.full_name}</Table.Td>
                    <Table.Td>{u.login}</Table.Td>
                    <Table.Td>{roleLabel(u.role, t)}</Table.Td>
                    <Table.Td>{u.unit_name}</Table.Td>
                    <Table.Td>
                      <Badge color={u.disabled ? 'gray' : 'green'} variant="light" tt="none">
                        {u.disabled ? t('admin.disabled') : t('admin.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        color={u.disabled ? 'blue' : 'red'}
                        loading={toggle.isPending && toggle.variables.id === u.id}
                        onClick={() => toggle.mutate({ id: u.id, disabled: !u.disabled })}
                      >
                        {u.disabled ? t('admin.enable') : t('admin.disable')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => listUnits(signal) });
  const [draft, setDraft] = useState<UserDraft>({
    login: '',
    full_name: '',
    role: '',
    unit_id: '',
    password: '',
  });
  const set = (patch: Partial<UserDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const mutation = useMutation({
    mutationFn: () =>
      createUser({ ...draft, login: draft.login.trim(), full_name: draft.full_name.trim() }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('admin.userCreated') });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const { fieldError, submit } = useValidatedForm<keyof UserDraft>({
    problems: validateUser(draft),
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });
  const options = unitOptions(unitTree(units.data ?? []));

  return (
    <Modal opened onClose={onClose} title={t('admin.createUser')} centered>
      <form noValidate onSubmit={submit(() => mutation.mutate())}>
        <Stack gap="sm">
          <MutationError error={mutation.error} />
          <TextInput
            label={t('admin.fullName')}
            required
            value={draft.full_name}
            onChange={(e) => set({ full_name: e.currentTarget.value })}
            error={fieldError('full_name')}
          />
          <TextInput
            label={t('admin.login')}
            required
            autoComplete="off"
            value={draft.login}
            onChange={(e) => set({ login: e.currentTarget.value })}
            error={fieldError('login')}
          />
          <NativeSelect
            label={t('admin.role')}
            required
            data={[
              { value: '', label: '—' },
              ...ROLES.map((r) => ({ value: r, label: roleLabel(r, t) })),
            ]}
            value={draft.role}
            onChange={(e) => set({ role: e.currentTarget.value })}
            error={fieldError('role')}
          />
          <NativeSelect
            label={t('admin.unit')}
            required
            data={[{ value: '', label: '—' }, ...options]}
            value={draft.unit_id}
            onChange={(e) => set({ unit_id: e.currentTarget.value })}
            error={fieldError('unit_id')}
          />
          <PasswordInput
            label={t('admin.password')}
            required
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => set({ password: e.currentTarget.value })}
            error={fieldError('password')}
          />
          <FormActions pending={mutation.isPending} onCancel={onClose} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
