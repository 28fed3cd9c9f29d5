import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errorMessage';
import { addVisit, fetchVisits } from '../../api/visits';
import { ErrorPanel } from '../../components/ErrorPanel';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import { validateVisit, visitPayload, VISIT_KINDS, type VisitDraft } from '../../logic/visits';

const STATUS_COLORS: Record<string, string> = { planned: 'blue', done: 'green', missed: 'red' };

/** SPEC §7: the visits of a case; a visit is recorded as done or as missed with a reason. */
export function VisitsTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['visits', caseId],
    queryFn: ({ signal }) => fetchVisits(caseId, signal),
  });
  if (list.isPending) {
    return <Loader size="sm" aria-label={t('app.loading')} />;
  }
  if (list.isError) {
    return <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = [...list.data].sort((a, b) =>
    (b.actual_on ?? b.planned_on).localeCompare(a.actual_on ?? a.planned_on),
  );
  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('case.visits.add')}
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">{t('case.visits.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="visits">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('case.assessments.date')}</Table.Th>
                <Table.Th>{t('case.visits.kind')}</Table.Th>
                <Table.Th>{t('case.visits.purpose')}</Table.Th>
                <Table.Th>{t('case.visits.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">
                        {formatDate(v.actual_on ?? v.planned_on, i18n.language)}
                      </Text>
                      <Badge color={STATUS_COLORS[v.status] ?? 'gray'} tt="none" size="sm">
                        {enumLabel(t, 'visitStatuses', v.status)}
                      </Badge>
                    </Stack>
                  </Table.Td>
                  <Table.Td>{enumLabel(t, 'visitKinds', v.kind)}</Table.Td>
                  <Table.Td>{v.purpose}</Table.Td>
                  <Table.Td>
                    {v.missed ? (
                      <Text size="sm" c="red.8">
                        {v.missed.reason}
                      </Text>
                    ) : (
                      <Text size="sm">{[v.actions, v.next_step].filter(Boolean).join(' · ')}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('case.visits.add')}
        size="lg"
      >
        <VisitForm caseId={caseId} onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}

function VisitForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = isoDay();
  const [draft, setDraft] = useState<VisitDraft>({
    planned_on: today,
    actual_on: today,
    missed: false,
    missed_reason: '',
    kind: 'home',
    purpose: '',
    home: '',
    safety_checked: true,
    safety_concern: false,
    actions: '',
    next_step: '',
  });
  const [tried, setTried] = useState(false);
  const errors = validateVisit(draft, today);
  const set = (patch: Partial<VisitDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (key: keyof VisitDraft) =>
    tried && errors[key] ? t(`case.visits.${errors[key]}`) : undefined;
  const mutation = useMutation({
    mutationFn: () => addVisit(caseId, visitPayload(draft)),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('case.visits.saved') });
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['visits', caseId] }),
        client.invalidateQueries({ queryKey: ['case', caseId] }),
      ]);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) {
          mutation.mutate();
        }
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('case.visits.plannedOn')}
            value={draft.planned_on}
            onChange={(e) => set({ planned_on: e.currentTarget.value })}
            error={err('planned_on')}
            required
          />
          <NativeSelect
            label={t('case.visits.kind')}
            value={draft.kind}
            onChange={(e) => set({ kind: e.currentTarget.value })}
            data={enumOptions(t, 'visitKinds', VISIT_KINDS)}
          />
        </Group>
        <Checkbox
          label={t('case.visits.missed')}
          checked={draft.missed}
          onChange={(e) => set({ missed: e.currentTarget.checked })}
        />
        {draft.missed ? (
          <TextInput
            label={t('case.visits.missedReason')}
            value={draft.missed_reason}
            onChange={(e) => set({ missed_reason: e.currentTarget.value })}
            error={err('missed_reason')}
            required
          />
        ) : (
          <TextInput
            type="date"
            label={t('case.visits.actualOn')}
            value={draft.actual_on}
            onChange={(e) => set({ actual_on: e.currentTarget.value })}
            error={err('actual_on')}
            required
            maw={240}
          />
        )}
        <TextInput
          label={t('case.visits.purpose')}
          value={draft.purpose}
          onChange={(e) => set({ purpose: e.currentTarget.value })}
          error={err('purpose')}
          required
        />
        {!draft.missed && (
          <>
            <Textarea
              label={t('case.visits.home')}
              value={draft.home}
              onChange={(e) => set({ home: e.currentTarget.value })}
              autosize
              minRows={2}
            />
            <Checkbox
              label={t('case.visits.safetyChecked')}
              checked={draft.safety_checked}
              onChange={(e) => set({ safety_checked: e.currentTarget.checked })}
            />
            <Checkbox
              label={t('case.visits.safetyConcern')}
              checked={draft.safety_concern}
              onChange={(e) => set({ safety_concern: e.currentTarget.checked })}
            />
            <Textarea
              label={t('case.visits.actions')}
              value={draft.actions}
              onChange={(e) => set({ actions: e.currentTarget.value })}
              autosize
              minRows={2}
            />
            <TextInput
              label={t('case.visits.nextStep')}
              value={draft.next_step}
              onChange={(e) => set({ next_step: e.currentTarget.value })}
            />
          </>
        )}
        {mutation.isError && <Alert color="red">{errorMessage(mutation.error, t)}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('case.visits.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
