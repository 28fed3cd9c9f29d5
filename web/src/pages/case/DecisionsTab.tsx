import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSignature } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordDecision, signDecision, type CaseView, type Decision } from '../../api/cases';
import { enumLabel, enumOptions, formatDate, formatDateTime } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { isoDay } from '../../logic/dates';
import { PATRONAGE_TYPES } from '../../logic/plans';
import {
  memberLines,
  validateDecision,
  type DecisionDraft,
  type DecisionField,
} from '../../logic/forms';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { isChanged } from '../../hooks/useUnsavedGuard';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

const BODIES = ['council', 'commission_for_minors', 'interdepartmental_commission'] as const;
const KINDS = [
  'register_case',
  'approve_plan',
  'change_plan',
  'extend',
  'move_to_supervision',
  'remove_from_register',
  'refer_elsewhere',
  'refuse_registration',
] as const;
const INTENSITIES = ['standard', 'intensive'] as const;

export function DecisionsTab({ view, canRecord }: { view: CaseView; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const [recording, setRecording] = useState(false);
  const [signing, setSigning] = useState<Decision | null>(null);

  return (
    <Stack gap="md">
      {canRecord && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setRecording(true)}
          >
            {t('case.decisions.record')}
          </Button>
        </Group>
      )}
      {view.decisions.length === 0 && <Text c="dimmed">{t('case.decisions.empty')}</Text>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {[...view.decisions].reverse().map((d) => (
          <Paper key={d.id} withBorder radius="md" p="md" component="li" data-testid="decision">
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Group gap="xs">
                  <Text fw={600}>{enumLabel(t, 'decisionKinds', d.kind)}</Text>
                  {d.signed ? (
                    <Badge color="green" variant="light" tt="none">
                      {t('case.decisions.signed', {
                        date: formatDateTime(d.signed_at, i18n.language),
                      })}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light" tt="none">
                      {t('case.decisions.unsigned')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {enumLabel(t, 'decisionBodies', d.body)} ·{' '}
                  {t('case.decisions.protocolNo', {
                    number: d.protocol_number,
                    date: formatDate(d.meeting_date, i18n.language),
                  })}
                </Text>
              </div>
              {canRecord && !d.signed && (
                <Button
                  size="xs"
                  leftSection={<IconSignature size={14} aria-hidden />}
                  onClick={() => setSigning(d)}
                >
                  {t('case.decisions.sign')}
                </Button>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {d.lead_id && (
                <Text size="sm">
                  {t('case.decisions.lead')}: {nameOf(d.lead_id)}
                </Text>
              )}
              {d.intensity && (
                <Text size="sm">
                  {t('case.decisions.intensity')}: {enumLabel(t, 'intensity', d.intensity)}
                </Text>
              )}
              {d.planned_end && (
                <Text size="sm">
                  {t('case.decisions.plannedEnd')}: {formatDate(d.planned_end, i18n.language)}
                </Text>
              )}
              {d.patronage_types.length > 0 && (
                <Text size="sm">
                  {t('case.decisions.types')}:{' '}
                  {d.patronage_types.map((p) => enumLabel(t, 'patronageTypes', p)).join(', ')}
                </Text>
              )}
            </SimpleGrid>
            <Text size="sm" mt="xs">
              {t('case.decisions.grounds')}: {d.grounds}
            </Text>
          </Paper>
        ))}
      </Stack>
      {recording && <RecordDialog view={view} onClose={() => setRecording(false)} />}
      {signing && (
        <SignDialog
          decisionId={signing.id}
          queryKey={['case', view.id]}
          onClose={() => setSigning(null)}
        />
      )}
    </Stack>
  );
}

/** What the record dialog needs of a case; the council screen passes an agenda item's fields. */
/** Asks to confirm the signature of a draft decision, signs it and refreshes `queryKey`. */
export function SignDialog({
  decisionId,
  queryKey,
  onClose,
}: {
  decisionId: string;
  queryKey: readonly unknown[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sign = useMutation({
    mutationFn: (id: string) => signDecision(id),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('case.decisions.signedDone') });
      await queryClient.invalidateQueries({ queryKey });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('case.decisions.sign')} centered>
      <Stack gap="sm">
        <Text>{t('case.decisions.signConfirm')}</Text>
        <MutationError error={sign.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={sign.isPending} onClick={() => sign.mutate(decisionId)}>
            {t('case.decisions.sign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export type DecisionCase = Pick<CaseView, 'id' | 'state' | 'lead_id' | 'intensity' | 'planned_end'>;

/**
 * Records a draft decision for `view`; `initial` pre-fills the form (the council screen passes the meeting's
 * body, date, protocol, members and the proposed kind), `onRecorded` gets the new decision.
 */
export function RecordDialog({
  view,
  onClose,
  initial,
  onRecorded,
}: {
  view: DecisionCase;
  onClose: () => void;
  initial?: Partial<DecisionDraft>;
  onRecorded?: (decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { users, nameOf } = useUserNames();
  const today = isoDay();
  const initialDraft: DecisionDraft = {
    body: 'council',
    meeting_date: today,
    protocol_number: '',
    members_present: '',
    kind: view.state === 'awaiting_decision' ? 'register_case' : '',
    patronage_types: [],
    lead_specialist_id: view.lead_id ?? '',
    intensity: view.intensity ?? '',
    planned_end: view.planned_end ?? '',
    grounds: '',
    ...initial,
  };
  const [draft, setDraft, clearDraft] = useDraft<DecisionDraft>(
    `decision.new.${view.id}`,
    initialDraft,
  );
  const set = (patch: Partial<DecisionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const mutation = useMutation({
    mutationFn: () =>
      recordDecision(view.id, {
        body: draft.body,
        meeting_date: draft.meeting_date,
        protocol_number: draft.protocol_number.trim(),
        members_present: memberLines(draft.members_present),
        kind: draft.kind,
        patronage_types: draft.patronage_types,
        grounds: draft.grounds.trim(),
        ...(draft.lead_specialist_id !== ''
          ? { lead_specialist_id: draft.lead_specialist_id }
          : {}),
        ...(draft.intensity !== '' ? { intensity: draft.intensity } : {}),
        ...(draft.planned_end !== '' ? { planned_end: draft.planned_end } : {}),
      }),
    onSuccess: async (decision) => {
      clearDraft();
      notifications.show({ color: 'green', message: t('case.decisions.recorded') });
      await queryClient.invalidateQueries({ queryKey: ['case', view.id] });
      await queryClient.invalidateQueries({ queryKey: ['council'] });
      onRecorded?.(decision);
      onClose();
    },
  });
  const { fieldError, submit } = useValidatedForm<DecisionField>({
    problems: validateDecision(draft, today),
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });
  // Heads see their unit's specialists; a secretary sees only the case's lead.
  const specialists = users.filter((u) => u.role === 'specialist' && !u.disabled);
  const leadOptions = [
    { value: '', label: '—' },
    ...(view.lead_id && !specialists.some((u) => u.id === view.lead_id)
      ? [{ value: view.lead_id, label: nameOf(view.lead_id) }]
      : []),
    ...specialists.map((u) => ({ value: u.id, label: u.full_name })),
  ];

  return (
    <GuardedModal
      opened
      onClose={onClose}
      dirty={isChanged(draft, initialDraft)}
      onDiscard={clearDraft}
      title={t('case.decisions.recordTitle')}
      centered
      size="lg"
    >
      <form noValidate onSubmit={submit(() => mutation.mutate())}>
        <Stack gap="sm">
          <MutationError error={mutation.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('case.decisions.body')}
              required
              data={enumOptions(t, 'decisionBodies', BODIES)}
              value={draft.body}
              onChange={(e) => set({ body: e.currentTarget.value })}
              error={fieldError('body')}
            />
            <NativeSelect
              label={t('case.decisions.kind')}
              required
              data={[{ value: '', label: '—' }, ...enumOptions(t, 'decisionKinds', KINDS)]}
              value={draft.kind}
              onChange={(e) => set({ kind: e.currentTarget.value })}
              error={fieldError('kind')}
            />
            <DateField
              label={t('case.decisions.meetingDate')}
              required
              maxDate={today}
              value={draft.meeting_date}
              onChange={(value) => set({ meeting_date: value })}
              error={fieldError('meeting_date')}
            />
            <TextInput
              label={t('case.decisions.protocol')}
              required
              value={draft.protocol_number}
              onChange={(e) => set({ protocol_number: e.currentTarget.value })}
              error={fieldError('protocol_number')}
            />
          </SimpleGrid>
          <Textarea
            label={t('case.decisions.members')}
            required
            autosize
            minRows={2}
            value={draft.members_present}
            onChange={(e) => set({ members_present: e.currentTarget.value })}
            error={fieldError('members_present')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('case.decisions.lead')}
              required={draft.kind === 'register_case'}
              data={leadOptions}
              value={draft.lead_specialist_id}
              onChange={(e) => set({ lead_specialist_id: e.currentTarget.value })}
              error={fieldError('lead_specialist_id')}
            />
            <NativeSelect
              label={t('case.decisions.intensity')}
              required={draft.kind === 'register_case'}
              data={[{ value: '', label: '—' }, ...enumOptions(t, 'intensity', INTENSITIES)]}
              value={draft.intensity}
              onChange={(e) => set({ intensity: e.currentTarget.value })}
              error={fieldError('intensity')}
            />
            <DateField
              label={t('case.decisions.plannedEnd')}
              required={draft.intensity === 'intensive' || draft.kind === 'extend'}
              value={draft.planned_end}
              onChange={(value) => set({ planned_end: value })}
              error={fieldError('planned_end')}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('case.decisions.types')}
            required={draft.kind === 'register_case'}
            value={draft.patronage_types}
            onChange={(patronage_types) => set({ patronage_types })}
            error={fieldError('patronage_types')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
              {enumOptions(t, 'patronageTypes', PATRONAGE_TYPES).map((o) => (
                <Checkbox key={o.value} value={o.value} label={o.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label={t('case.decisions.grounds')}
            required
            autosize
            minRows={2}
            value={draft.grounds}
            onChange={(e) => set({ grounds: e.currentTarget.value })}
            error={fieldError('grounds')}
          />
          <FormActions pending={mutation.isPending} onCancel={onClose} mt="sm" />
        </Stack>
      </form>
    </GuardedModal>
  );
}
