import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { approvePlan, createPlan, fetchPlans, type Plan } from '../../api/plans';
import { useMe } from '../../auth/session';
import { PendingItems } from '../../offline/PendingItems';
import { submitOrQueue } from '../../offline/runtime';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import { RISK_DOMAINS } from '../../logic/needs';
import {
  MEASURE_STATUSES,
  PATRONAGE_TYPES,
  PLAN_TERMS,
  planPayload,
  RESPONSIBLE_KINDS,
  responsibleChoices,
  responsibleText,
  validatePlan,
  type PlanDraft,
} from '../../logic/plans';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { useResponsibleDirectory } from '../../hooks/useResponsible';
import { isChanged, useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** SPEC §7: the current plan with its measures; a new plan; the head approves. */
export function PlanTab({
  caseId,
  userId,
  unitId,
  canWrite,
  canApprove,
}: {
  caseId: string;
  /** The signed-in user: their measures still waiting on the device are shown. */
  userId: string | undefined;
  /** The case's unit: its colleagues come first among those a measure may name. */
  unitId?: string;
  canWrite: boolean;
  canApprove: boolean;
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['plans', caseId],
    queryFn: ({ signal }) => fetchPlans(caseId, signal),
  });
  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  const current = list.data.find((p) => p.current);
  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('case.plan.create')}
          </Button>
        </Group>
      )}
      <PendingItems userId={userId} caseId={caseId} kinds={['measure']} />
      {current ? (
        <CurrentPlan plan={current} canWrite={canWrite} canApprove={canApprove} />
      ) : (
        <Text c="dimmed">{t('case.plan.empty')}</Text>
      )}
      <GuardedModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('case.plan.create')}
        size="xl"
      >
        <PlanForm caseId={caseId} unitId={unitId} onDone={() => setCreating(false)} />
      </GuardedModal>
    </Stack>
  );
}

function CurrentPlan({
  plan,
  canWrite,
  canApprove,
}: {
  plan: Plan;
  canWrite: boolean;
  canApprove: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { names } = useResponsibleDirectory();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['plans', plan.case_id] });
  const approve = useMutation({
    mutationFn: () => approvePlan(plan.id),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('case.plan.approvedDone') });
      await refresh();
    },
  });
  const me = useMe().data;
  // Issue 14: through the outbox, with the plan's version it was based on.
  const status = useMutation({
    mutationFn: (input: { measureId: string; status: string }) =>
      submitOrQueue<Plan>(me?.id ?? '', {
        kind: 'measure',
        method: 'PATCH',
        path: `/api/v1/plans/${encodeURIComponent(plan.id)}/measures/${encodeURIComponent(input.measureId)}`,
        body: { version: plan.version, status: input.status },
        caseId: plan.case_id,
        summary: `${plan.measures.find((m) => m.id === input.measureId)?.what ?? ''} → ${enumLabel(t, 'measureStatuses', input.status)}`,
      }),
    onSuccess: async (submitted) => {
      notifications.show(
        submitted.queued
          ? { color: 'blue', message: t('offline.queued') }
          : { color: 'green', message: t('case.plan.statusChanged') },
      );
      await refresh();
    },
  });
  const goalText = (id: string) => plan.goals.find((g) => g.id === id)?.text ?? '';
  return (
    <Paper withBorder radius="md" p="md" data-testid="plan">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={3} size="h4">
              {t('case.plan.title', { number: plan.number })}
            </Title>
            <Text size="sm" c="dimmed">
              {`${t('case.plan.period', {
                from: formatDate(plan.period_from, i18n.language),
                to: formatDate(plan.period_to, i18n.language),
              })} · ${enumLabel(t, 'planTerms', plan.term)}`}
            </Text>
          </div>
          <Group gap="xs">
            <Badge color={plan.approved ? 'green' : 'gray'} tt="none" data-testid="plan-approved">
              {plan.approved ? t('case.plan.approved') : t('case.plan.notApproved')}
            </Badge>
            {canApprove && !plan.approved && (
              <Button
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={approve.isPending}
                onClick={() => approve.mutate()}
              >
                {t('case.plan.approve')}
              </Button>
            )}
          </Group>
        </Group>
        <MutationError error={approve.error} />
        <MutationError error={status.error} />
        <div>
          <Text size="xs" c="dimmed">
            {t('case.plan.goals')}
          </Text>
          {plan.goals.map((g) => (
            <Text key={g.id} size="sm">
              {`${g.text} (${enumLabel(t, 'riskDomains', g.domain)})`}
            </Text>
          ))}
        </div>
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('case.plan.what')}</Table.Th>
                <Table.Th>{t('case.plan.type')}</Table.Th>
                <Table.Th>{t('case.plan.responsible')}</Table.Th>
                <Table.Th>{t('case.plan.dueOn')}</Table.Th>
                <Table.Th>{t('case.plan.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.measures.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Text size="sm">{m.what}</Text>
                    <Text size="xs" c="dimmed">
                      {goalText(m.goal_id)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{enumLabel(t, 'patronageTypes', m.patronage_type)}</Table.Td>
                  <Table.Td>
                    {responsibleText(
                      enumLabel(t, 'responsibleKinds', m.responsible_kind),
                      m.responsible_kind,
                      m.responsible_ref,
                      names,
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(m.due_on, i18n.language)}</Table.Td>
                  <Table.Td>
                    {canWrite ? (
                      <NativeSelect
                        size="xs"
                        aria-label={`${t('case.plan.status')}: ${m.what}`}
                        value={m.status}
                        disabled={status.isPending}
                        onChange={(e) =>
                          status.mutate({ measureId: m.id, status: e.currentTarget.value })
                        }
                        data={enumOptions(t, 'measureStatuses', MEASURE_STATUSES)}
                      />
                    ) : (
                      enumLabel(t, 'measureStatuses', m.status)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function PlanForm({
  caseId,
  unitId,
  onDone,
}: {
  caseId: string;
  unitId?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { directory } = useResponsibleDirectory();
  const client = useQueryClient();
  const today = isoDay();
  const emptyMeasure = {
    what: '',
    patronage_type: 'psychological',
    responsible_kind: 'specialist',
    responsible_ref: '',
    due_on: '',
  };
  const initial: PlanDraft = {
    period_from: today,
    period_to: '',
    term: 'short',
    goal: '',
    domain: 'child_safety',
    measures: [emptyMeasure],
  };
  const [draft, setDraft, clearDraft] = useDraft<PlanDraft>(`plan.new.${caseId}`, initial);
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const setMeasure = (i: number, patch: Partial<PlanDraft['measures'][number]>) =>
    setDraft((d) => ({
      ...d,
      measures: d.measures.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    }));
  const mutation = useMutation({
    mutationFn: () => createPlan(caseId, planPayload(draft)),
    onSuccess: async () => {
      clearDraft();
      notifications.show({ color: 'green', message: t('case.plan.saved') });
      onDone();
      await client.invalidateQueries({ queryKey: ['plans', caseId] });
    },
  });
  // The server checks whom each measure names (a 422 at measures[i].responsible_ref): shown at the field.
  const { fieldError: err, submit } = useValidatedForm({
    problems: validatePlan(draft),
    message: (problem) => t(`case.plan.${problem}`),
    serverError: mutation.error,
  });
  return (
    <form onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        {/* One column on a phone: side by side, the labels and values of a narrow dialog were cut. */}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <DateField
            label={t('case.plan.from')}
            value={draft.period_from}
            onChange={(value) => setDraft({ ...draft, period_from: value })}
            error={err('period_from')}
            required
          />
          <DateField
            label={t('case.plan.to')}
            value={draft.period_to}
            onChange={(value) => setDraft({ ...draft, period_to: value })}
            error={err('period_to')}
            required
          />
          <NativeSelect
            label={t('case.plan.term')}
            value={draft.term}
            onChange={(e) => setDraft({ ...draft, term: e.currentTarget.value })}
            data={enumOptions(t, 'planTerms', PLAN_TERMS)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('case.plan.goal')}
            value={draft.goal}
            onChange={(e) => setDraft({ ...draft, goal: e.currentTarget.value })}
            error={err('goal')}
            required
          />
          <NativeSelect
            label={t('case.plan.domain')}
            value={draft.domain}
            onChange={(e) => setDraft({ ...draft, domain: e.currentTarget.value })}
            data={enumOptions(t, 'riskDomains', RISK_DOMAINS)}
          />
        </SimpleGrid>
        {draft.measures.map((m, i) => (
          <Paper key={i} withBorder p="xs" radius="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('case.plan.what')}
                value={m.what}
                onChange={(e) => setMeasure(i, { what: e.currentTarget.value })}
                error={err(`measures.${i}.what`)}
                required
              />
              <NativeSelect
                label={t('case.plan.type')}
                value={m.patronage_type}
                onChange={(e) => setMeasure(i, { patronage_type: e.currentTarget.value })}
                data={enumOptions(t, 'patronageTypes', PATRONAGE_TYPES)}
              />
              <NativeSelect
                label={t('case.plan.responsible')}
                value={m.responsible_kind}
                // Another kind names someone else: the choice made for the old kind goes.
                onChange={(e) =>
                  setMeasure(i, { responsible_kind: e.currentTarget.value, responsible_ref: '' })
                }
                data={enumOptions(t, 'responsibleKinds', RESPONSIBLE_KINDS)}
              />
              <ResponsibleWho
                choices={responsibleChoices(
                  m.responsible_kind,
                  directory,
                  m.responsible_ref ?? '',
                  unitId,
                )}
                value={m.responsible_ref ?? ''}
                onChange={(value) => setMeasure(i, { responsible_ref: value })}
                error={err(`measures[${i}].responsible_ref`)}
              />
              <DateField
                label={t('case.plan.dueOn')}
                value={m.due_on}
                onChange={(value) => setMeasure(i, { due_on: value })}
                error={err(`measures.${i}.due_on`)}
                required
              />
            </SimpleGrid>
          </Paper>
        ))}
        <Group>
          <Button
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDraft({ ...draft, measures: [...draft.measures, emptyMeasure] })}
          >
            {t('case.plan.addMeasure')}
          </Button>
        </Group>
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} label={t('case.plan.save')} />
      </Stack>
    </form>
  );
}

/** "Who exactly": a choice of people or organisations by the kind, the family's own words as text. */
function ResponsibleWho({
  choices,
  value,
  onChange,
  error,
}: {
  choices: { value: string; label: string }[] | null;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  if (choices === null) {
    return (
      <TextInput
        label={t('case.plan.responsibleWho')}
        placeholder={t('case.plan.responsibleWhoHint')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    );
  }
  return (
    <NativeSelect
      label={t('case.plan.responsibleWho')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={choices}
      error={error}
    />
  );
}
