import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Box,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';

import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../api/visits';
import { useMe } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { useDraft } from '../../hooks/useDraft';
import { useVisits } from '../../hooks/useVisits';
import { isChanged, useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { isoDay } from '../../logic/dates';
import {
  emptyVisitDraft,
  outcomeDraft,
  outcomePayload,
  sortVisits,
  validateVisit,
  visitPayload,
  VISIT_KINDS,
  type VisitDraft,
  type VisitMode,
} from '../../logic/visits';
import { withPendingEdits } from '../../logic/visitEdit';
import { useOutbox } from '../../offline/hooks';
import { PendingItems } from '../../offline/PendingItems';
import { submitOrQueue } from '../../offline/runtime';
import { VisitEditForm, VisitHistory } from './VisitEdit';
import { VisitRows, type VisitAction } from './VisitRows';
import { usePhoneWidth } from '../../hooks/useScreen';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { PlainButton } from '../../components/PlainButton';
import { PLUS_16 } from '../../components/PlainIcons';
import classes from './VisitsTab.module.css';

/**
 * Issue 14: a ward with 1,000 visits opens fast: the list shows this many rows at a time (a phone's
 * screen holds two or three visit cards; rows not on the page are never drawn).
 */
export const VISITS_PAGE = 50;
export const VISITS_PAGE_PHONE = 10;

/** Phone-friendly free text (issue 14): voice input and the keyboard's spell check, no autofill. */
const FREE_TEXT = { autoComplete: 'off', spellCheck: true, autoCapitalize: 'sentences' } as const;

/** SPEC §8: the visits of a case; a visit is planned, then recorded as made or as missed with a reason. */
export function VisitsTab({
  caseId,
  userId,
  canWrite,
}: {
  caseId: string;
  /** The signed-in user: their visits still waiting on the device are shown, and their corrections build on. */
  userId: string | undefined;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [outcomeOf, setOutcomeOf] = useState<Visit | null>(null);
  const [editOf, setEditOf] = useState<Visit | null>(null);
  const [historyOf, setHistoryOf] = useState<Visit | null>(null);
  const phone = usePhoneWidth();
  const page = phone ? VISITS_PAGE_PHONE : VISITS_PAGE;
  const [pages, setPages] = useState(1);
  const list = useVisits(caseId);
  const all = useMemo(() => sortVisits(list.data ?? []), [list.data]);
  const outbox = useOutbox(userId);
  const outboxNow = useRef(outbox);
  useEffect(() => {
    outboxNow.current = outbox;
  }, [outbox]);
  // One callback for every row's buttons, so that the memoised rows are not drawn again.
  const onAction = useCallback((action: VisitAction, visit: Visit) => {
    if (action === 'outcome') {
      setOutcomeOf(visit);
    } else if (action === 'history') {
      setHistoryOf(visit);
    } else {
      // A correction starts from the user's own corrections still waiting on the device.
      const path = `/api/v1/visits/${encodeURIComponent(visit.id)}`;
      setEditOf(
        withPendingEdits(
          visit,
          outboxNow.current
            .filter((i) => i.kind === 'visitEdit' && i.state === 'waiting' && i.path === path)
            .map((i) => i.body),
        ),
      );
    }
  }, []);
  const items = useMemo(() => all.slice(0, pages * page), [all, pages, page]);
  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  // Plain elements, not Mantine's Stack, Group and Button: this is drawn on every first switch to the section
  // (issue 14).
  return (
    <div className={classes.section}>
      {canWrite && (
        <div className={classes.row}>
          <PlainButton leftSection={PLUS_16} onClick={() => setAdding(true)}>
            {t('case.visits.add')}
          </PlainButton>
        </div>
      )}
      <PendingItems
        userId={userId}
        caseId={caseId}
        kinds={['visit', 'visitOutcome', 'visitEdit']}
      />
      {items.length === 0 ? (
        <Text c="dimmed">{t('case.visits.empty')}</Text>
      ) : (
        <VisitRows
          visits={items}
          phone={phone}
          canWrite={canWrite}
          t={t}
          language={i18n.language}
          onAction={onAction}
        />
      )}
      {all.length > items.length && (
        <div className={classes.more}>
          <PlainButton
            variant="default"
            onClick={() => setPages((n) => n + 1)}
            data-testid="visits-more"
          >
            {t('offline.visitsMore', { shown: items.length, total: all.length })}
          </PlainButton>
        </div>
      )}
      {/* Drawn only while open: a closed dialog still costs its transitions on every visit of the tab. */}
      {adding && (
        <GuardedModal
          opened
          onClose={() => setAdding(false)}
          title={t('case.visits.add')}
          size="lg"
          fullScreen={phone}
        >
          <VisitForm caseId={caseId} onDone={() => setAdding(false)} />
        </GuardedModal>
      )}
      {outcomeOf !== null && (
        <GuardedModal
          opened
          onClose={() => setOutcomeOf(null)}
          title={t('capture.visits.outcomeTitle', {
            date: formatDate(outcomeOf.planned_on, i18n.language),
          })}
          size="lg"
          fullScreen={phone}
        >
          <VisitForm caseId={caseId} planned={outcomeOf} onDone={() => setOutcomeOf(null)} />
        </GuardedModal>
      )}
      {editOf !== null && (
        <GuardedModal
          opened
          onClose={() => setEditOf(null)}
          title={t('visitEdit.title', {
            date: formatDate(editOf.actual_on ?? editOf.planned_on, i18n.language),
          })}
          size="lg"
          fullScreen={phone}
        >
          <VisitEditForm caseId={caseId} visit={editOf} onDone={() => setEditOf(null)} />
        </GuardedModal>
      )}
      {historyOf !== null && (
        <Modal
          opened
          onClose={() => setHistoryOf(null)}
          title={t('visitEdit.history.title')}
          size="lg"
          fullScreen={phone}
          closeButtonProps={{ 'aria-label': t('capture.close') }}
        >
          <VisitHistory visit={historyOf} />
        </Modal>
      )}
    </div>
  );
}

/** A new visit (made, planned or missed), or the outcome of `planned`. */
function VisitForm({
  caseId,
  planned,
  onDone,
}: {
  caseId: string;
  planned?: Visit;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const today = isoDay();
  const initial = planned ? outcomeDraft(planned, today) : emptyVisitDraft(today);
  const [draft, setDraft, clearDraft] = useDraft<VisitDraft>(
    planned ? `visit.outcome.${planned.id}` : `visit.new.${caseId}`,
    initial,
  );
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const set = (patch: Partial<VisitDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const {
    tried,
    invalid,
    fieldError: err,
    submit,
  } = useValidatedForm({
    problems: validateVisit(draft, today),
    message: (problem) => t(`case.visits.${problem}`),
  });
  // Issue 14: through the outbox — sent at once when online, kept on the device when not.
  const mutation = useMutation({
    mutationFn: () =>
      planned
        ? submitOrQueue<Visit>(me?.id ?? '', {
            kind: 'visitOutcome',
            method: 'PATCH',
            path: `/api/v1/visits/${encodeURIComponent(planned.id)}`,
            body: { ...outcomePayload(draft, planned.version) },
            caseId,
            summary: `${formatDate(planned.planned_on, i18n.language)} · ${planned.purpose}`,
          })
        : submitOrQueue<Visit>(me?.id ?? '', {
            kind: 'visit',
            method: 'POST',
            path: `/api/v1/cases/${encodeURIComponent(caseId)}/visits`,
            // A visit made now was planned for the day it was made.
            body: {
              ...visitPayload(
                draft.mode === 'done' ? { ...draft, planned_on: draft.actual_on } : draft,
              ),
            },
            caseId,
            summary: `${formatDate(draft.mode === 'done' ? draft.actual_on : draft.planned_on, i18n.language)} · ${draft.purpose.trim()}`,
          }),
    onSuccess: async (submitted) => {
      notifications.show(
        submitted.queued
          ? { color: 'blue', message: t('offline.queued') }
          : { color: 'green', message: t('case.visits.saved') },
      );
      clearDraft();
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['visits', caseId] }),
        client.invalidateQueries({ queryKey: ['case', caseId] }),
      ]);
    },
  });
  const phone = usePhoneWidth();
  // On a phone: big targets (at least 44 px) for one-handed use in a flat with no table.
  const size = phone ? 'lg' : 'sm';
  const modes: VisitMode[] = planned ? ['done', 'missed'] : ['done', 'planned', 'missed'];
  const safety = draft.mode === 'done' && (
    // SPEC §8 and issue 14: the child-safety check comes first, before anything else is typed.
    <Paper withBorder radius="md" p="sm" data-testid="visit-safety">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('offline.visitForm.safetyFirst')}
        </Text>
        <BigCheck phone={phone}>
          <Checkbox
            size={phone ? 'md' : 'sm'}
            label={t('case.visits.safetyChecked')}
            checked={draft.safety_checked}
            onChange={(e) => set({ safety_checked: e.currentTarget.checked })}
          />
        </BigCheck>
        <BigCheck phone={phone}>
          <Checkbox
            size={phone ? 'md' : 'sm'}
            label={t('case.visits.safetyConcern')}
            checked={draft.safety_concern}
            onChange={(e) =>
              set({
                safety_concern: e.currentTarget.checked,
                // A concern can only be raised by someone who checked.
                ...(e.currentTarget.checked ? { safety_checked: true } : {}),
              })
            }
          />
        </BigCheck>
        {draft.safety_concern && (
          <Textarea
            {...FREE_TEXT}
            size={size}
            label={t('capture.visits.concernNote')}
            description={t('capture.visits.concernHint')}
            value={draft.safety_note}
            onChange={(e) => set({ safety_note: e.currentTarget.value })}
            error={err('safety_note')}
            required
            autosize
            minRows={2}
            enterKeyHint="enter"
          />
        )}
      </Stack>
    </Paper>
  );
  return (
    <form noValidate onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('capture.visits.mode')}
          value={draft.mode}
          onChange={(value) => set({ mode: value as VisitMode })}
          data={modes.map((m) => ({ value: m, label: t(`capture.visits.modes.${m}`) }))}
          fullWidth
          size={phone ? 'lg' : 'sm'}
          // On a phone three choices side by side cut their labels.
          orientation={phone ? 'vertical' : 'horizontal'}
        />
        {safety}
        {draft.mode === 'done' && (
          <DateField
            size={size}
            label={t('case.visits.actualOn')}
            value={draft.actual_on}
            onChange={(actual_on) => set({ actual_on })}
            maxDate={today}
            error={err('actual_on')}
            required
            maw={phone ? undefined : 240}
          />
        )}
        {planned ? (
          <Text size="sm">
            {enumLabel(t, 'visitKinds', planned.kind)} · {planned.purpose}
          </Text>
        ) : (
          <>
            <Group grow={!phone} align="flex-start" gap="sm">
              {draft.mode !== 'done' && (
                <DateField
                  size={size}
                  label={t('case.visits.plannedOn')}
                  value={draft.planned_on}
                  onChange={(planned_on) => set({ planned_on })}
                  error={err('planned_on')}
                  required
                  w={phone ? '100%' : undefined}
                />
              )}
              <NativeSelect
                size={size}
                label={t('case.visits.kind')}
                value={draft.kind}
                onChange={(e) => set({ kind: e.currentTarget.value })}
                data={enumOptions(t, 'visitKinds', VISIT_KINDS)}
                w={phone ? '100%' : undefined}
              />
            </Group>
            <TextInput
              {...FREE_TEXT}
              size={size}
              label={t('case.visits.purpose')}
              value={draft.purpose}
              onChange={(e) => set({ purpose: e.currentTarget.value })}
              error={err('purpose')}
              required
              enterKeyHint="next"
            />
          </>
        )}
        {draft.mode === 'missed' && (
          <TextInput
            {...FREE_TEXT}
            size={size}
            label={t('case.visits.missedReason')}
            value={draft.missed_reason}
            onChange={(e) => set({ missed_reason: e.currentTarget.value })}
            error={err('missed_reason')}
            required
            enterKeyHint="done"
          />
        )}
        {draft.mode === 'done' && (
          <>
            <Textarea
              {...FREE_TEXT}
              size={size}
              label={t('case.visits.home')}
              value={draft.home}
              onChange={(e) => set({ home: e.currentTarget.value })}
              autosize
              minRows={2}
              enterKeyHint="enter"
            />
            <Textarea
              {...FREE_TEXT}
              size={size}
              label={t('case.visits.actions')}
              value={draft.actions}
              onChange={(e) => set({ actions: e.currentTarget.value })}
              autosize
              minRows={2}
              enterKeyHint="enter"
            />
            <TextInput
              {...FREE_TEXT}
              size={size}
              label={t('case.visits.nextStep')}
              value={draft.next_step}
              onChange={(e) => set({ next_step: e.currentTarget.value })}
              enterKeyHint="done"
            />
          </>
        )}
        {tried && invalid && (
          <Alert color="red" role="alert">
            {t('validation.fixErrors')}
          </Alert>
        )}
        <MutationError error={mutation.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} size={size} fullWidth={phone}>
            {draft.mode === 'planned' ? t('capture.visits.plan') : t('case.visits.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A checkbox row at least 44 px high on a phone, the whole row taking the tap. */
function BigCheck({ phone, children }: { phone: boolean; children: ReactNode }) {
  return phone ? (
    <Box
      component="div"
      style={{ minHeight: 44, display: 'flex', alignItems: 'center' }}
      data-big-target
    >
      {children}
    </Box>
  ) : (
    children
  );
}
