import { useState } from 'react';
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addDelivery, fetchCatalogue, fetchDeliveries } from '../../api/services';
import { formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { isChanged, useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** SPEC §8: services delivered to the family, added from the catalogue. */
export function ServicesTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const catalogue = useQuery({
    queryKey: ['catalogue', i18n.language],
    queryFn: ({ signal }) => fetchCatalogue(signal),
  });
  const list = useQuery({
    queryKey: ['deliveries', caseId],
    queryFn: ({ signal }) => fetchDeliveries(caseId, signal),
  });
  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  const nameOf = (code: string) => catalogue.data?.find((s) => s.code === code)?.name ?? code;
  const items = [...list.data].sort((a, b) => b.delivered_on.localeCompare(a.delivered_on));
  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('case.services.add')}
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">{t('case.services.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped data-testid="deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('case.services.on')}</Table.Th>
                <Table.Th>{t('case.services.service')}</Table.Th>
                <Table.Th>{t('case.services.quantity')}</Table.Th>
                <Table.Th>{t('case.services.provider')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDate(d.delivered_on, i18n.language)}</Table.Td>
                  <Table.Td>{nameOf(d.service_code)}</Table.Td>
                  <Table.Td>{d.quantity}</Table.Td>
                  <Table.Td>{d.provider}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <GuardedModal opened={adding} onClose={() => setAdding(false)} title={t('case.services.add')}>
        <DeliveryForm
          caseId={caseId}
          options={(catalogue.data ?? [])
            .filter((s) => s.active)
            .map((s) => ({ value: s.code, label: s.name }))}
          onDone={() => setAdding(false)}
        />
      </GuardedModal>
    </Stack>
  );
}

function DeliveryForm({
  caseId,
  options,
  onDone,
}: {
  caseId: string;
  options: { value: string; label: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [initial] = useState(() => ({
    code: options[0]?.value ?? '',
    on: isoDay(),
    quantity: 1 as number | string,
    provider: '',
  }));
  // Kept as a draft: a closed dialog or an expired session does not lose what was typed.
  const [draft, setDraft, clearDraft] = useDraft(`delivery.${caseId}`, initial);
  const { code, on, quantity, provider } = draft;
  const set = (patch: Partial<typeof initial>) => setDraft((d) => ({ ...d, ...patch }));
  const setCode = (value: string) => set({ code: value });
  const setOn = (value: string) => set({ on: value });
  const setQuantity = (value: number | string) => set({ quantity: value });
  const setProvider = (value: string) => set({ provider: value });
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const required = (missing: boolean) => (missing ? ('required' as const) : undefined);
  const { fieldError, submit } = useValidatedForm({
    problems: {
      service_code: required(code === ''),
      delivered_on: required(on === ''),
      quantity: required(typeof quantity !== 'number' || quantity < 1),
      provider: required(provider.trim() === ''),
    },
    message: () => t('case.services.required'),
  });
  const mutation = useMutation({
    mutationFn: () =>
      addDelivery(caseId, {
        service_code: code,
        delivered_on: on,
        quantity: Number(quantity),
        provider: provider.trim(),
      }),
    onSuccess: async () => {
      clearDraft();
      notifications.show({ color: 'green', message: t('case.services.saved') });
      onDone();
      await client.invalidateQueries({ queryKey: ['deliveries', caseId] });
    },
  });
  return (
    <form onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <NativeSelect
          label={t('case.services.service')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data={options}
        />
        <Group grow>
          <DateField
            label={t('case.services.on')}
            value={on}
            onChange={(value) => setOn(value)}
            required
          />
          <NumberInput
            label={t('case.services.quantity')}
            value={quantity}
            onChange={setQuantity}
            min={1}
            allowDecimal={false}
            required
          />
        </Group>
        <TextInput
          label={t('case.services.provider')}
          value={provider}
          onChange={(e) => setProvider(e.currentTarget.value)}
          error={fieldError('provider')}
          required
        />
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} label={t('case.services.save')} />
      </Stack>
    </form>
  );
}
