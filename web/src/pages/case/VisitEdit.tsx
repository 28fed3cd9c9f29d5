import { useMemo } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
} from '@mantine/core';

import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fetchVisitHistory, type HistoryChange, type Visit } from '../../api/visits';
import { useMe } from '../../auth/session';
import { enumLabel, formatDate, formatDateTime } from '../../components/labels';
import { useDraft } from '../../hooks/useDraft';
import { useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { useUserNames } from '../../hooks/useUsers';
import {
  changedFields,
  isVisitTextField,
  validateVisitEdit,
  visitEditDraft,
  visitEditPayload,
  type VisitEditDraft,
  type VisitTextField,
} from '../../logic/visitEdit';
import { submitOrQueue } from '../../offline/runtime';
import { usePhoneWidth } from '../../hooks/useScreen';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';

/** Phone-friendly free text (issue 14): voice input and the keyboard's spell check, no autofill. */
const FREE_TEXT = { autoComplete: 'off', spellCheck: true, autoCapitalize: 'sentences' } as const;

/** A visit field's name in the user's language. */
function visitFieldLabel(t: TFunction, field: string): string {
  return isVisitTextField(field)
    ? t(`visitEdit.fields.${field.replace('.', '_')}` as never)
    : field;
}

/** When and what a visit was, in a few words: "5 декабря 2025 · Патронаж на дому". */
function visitHeading(visit: Visit, language: string, t: TFunction): string {
  return `${formatDate(visit.actual_on ?? visit.planned_on, language)} · ${enumLabel(t, 'visitKinds', visit.kind)}`;
}

/**
 * Issue 14: a specialist corrects the report of a visit made or missed. The edit goes through the
 * outbox (sent at once online, kept on the device offline, sent once with an Idempotency-Key) and
 * carries the version and the values the user started from, so the server merges it with other
 * people's edits and asks only about a field both changed.
 */
export function VisitEditForm({
  caseId,
  visit,
  onDone,
}: {
  caseId: string;
  visit: Visit;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const initial = useMemo(() => visitEditDraft(visit), [visit]);
  const [draft, setDraft, clearDraft] = useDraft<VisitEditDraft>(`visit.edit.${visit.id}`, initial);
  const changed = changedFields(draft);
  useUnsavedGuard(changed.length > 0, clearDraft);
  const phone = usePhoneWidth();
  const size = phone ? 'lg' : 'sm';
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      submitOrQueue<Visit>(
        me?.id ?? '',
        {
          kind: 'visitEdit',
          method: 'PATCH',
          path: `/api/v1/visits/${encodeURIComponent(visit.id)}`,
          body,
          caseId,
          summary: `${formatDate(visit.actual_on ?? visit.planned_on, i18n.language)} · ${(draft.values.purpose ?? visit.purpose).trim()}`,
        },
        // Someone changed the same field while the form was open: the user chooses, in the outbox.
        { keepConflict: true },
      ),
    onSuccess: async (submitted) => {
      notifications.show(
        !submitted.queued
          ? { color: 'green', message: t('visitEdit.saved') }
          : submitted.conflict
            ? { color: 'orange', message: t('visitEdit.conflictNotice'), autoClose: 10_000 }
            : { color: 'blue', message: t('offline.queued') },
      );
      clearDraft();
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['visits', caseId] }),
        client.invalidateQueries({ queryKey: ['visitHistory', visit.id] }),
      ]);
    },
  });
  const { tried, invalid, fieldError, submit } = useValidatedForm({
    problems: validateVisitEdit(draft),
    message: () => t('case.visits.required'),
  });
  const set = (field: VisitTextField, value: string) =>
    setDraft((d) => ({ ...d, values: { ...d.values, [field]: value } }));
  const input = (field: VisitTextField) => {
    const common = {
      ...FREE_TEXT,
      key: field,
      size,
      label: visitFieldLabel(t, field),
      value: draft.values[field] ?? '',
      error: fieldError(field),
      required: draft.required.includes(field),
      description: changed.includes(field)
        ? t('visitEdit.was', { value: draft.base[field] || t('offline.conflict.empty') })
        : undefined,
    };
    return field === 'purpose' || field === 'next_step' || field === 'missed.reason' ? (
      <TextInput
        {...common}
        onChange={(e) => set(field, e.currentTarget.value)}
        enterKeyHint="next"
      />
    ) : (
      <Textarea
        {...common}
        onChange={(e) => set(field, e.currentTarget.value)}
        autosize
        minRows={2}
        enterKeyHint="enter"
      />
    );
  };
  const nothing = tried && changed.length === 0;
  return (
    <form
      noValidate
      onSubmit={submit(() => {
        const body = visitEditPayload(draft);
        if (body !== null) {
          mutation.mutate(body);
        }
      })}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('visitEdit.hint')}
        </Text>
        {draft.fields.map(input)}
        {tried && invalid && (
          <Alert color="red" role="alert">
            {t('validation.fixErrors')}
          </Alert>
        )}
        {nothing && (
          <Alert color="yellow" role="alert">
            {t('visitEdit.nothing')}
          </Alert>
        )}
        <MutationError error={mutation.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} size={size} fullWidth={phone}>
            {t('visitEdit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A value in the history: the text as it was, or "empty". */
function Value({ text, struck }: { text: string | null | undefined; struck?: boolean }) {
  const { t } = useTranslation();
  const empty = text === null || text === undefined || text === '';
  return (
    <Text
      size="sm"
      component="span"
      c={empty || struck ? 'dimmed' : undefined}
      td={struck && !empty ? 'line-through' : undefined}
      fs={empty ? 'italic' : undefined}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {empty ? t('offline.conflict.empty') : text}
    </Text>
  );
}

function ChangeRow({ change }: { change: HistoryChange }) {
  const { t } = useTranslation();
  const label = visitFieldLabel(t, change.field);
  if (change.rejected !== undefined) {
    // The value chosen against when a conflict was resolved: never lost, shown as such.
    return (
      <Paper withBorder radius="sm" p="xs" bg="orange.0" data-testid="history-rejected">
        <Stack gap={2}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {label}
            </Text>
            <Badge color="orange" variant="light" tt="none" size="sm">
              {t('visitEdit.history.rejectedBadge')}
            </Badge>
          </Group>
          <Value text={change.rejected} />
        </Stack>
      </Paper>
    );
  }
  if (change.sensitive) {
    return (
      <Text size="sm">
        <b>{label}</b>: {t('visitEdit.history.sensitive')}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="history-change">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        <Value text={change.old} struck /> → <Value text={change.new} />
      </Text>
    </Stack>
  );
}

/**
 * Issue 14: who changed what in a visit's record and when, newest first — corrections, and the
 * values chosen against when two people's edits met (those are kept, never lost).
 */
export function VisitHistory({ visit }: { visit: Visit }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const history = useQuery({
    queryKey: ['visitHistory', visit.id],
    queryFn: ({ signal }) => fetchVisitHistory(visit.id, signal),
  });
  if (!history.isSuccess) {
    return <QueryState query={history} size="sm" />;
  }
  const entries = [...history.data].reverse();
  return (
    <Stack gap="sm" data-testid="visit-history">
      <Text size="sm">{visitHeading(visit, i18n.language, t)}</Text>
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('visitEdit.history.empty')}
        </Text>
      )}
      <Timeline active={entries.length + 1} bulletSize={14} lineWidth={2}>
        {entries.map((entry) => {
          const resolved = entry.changes.some((c) => c.rejected !== undefined);
          return (
            <Timeline.Item
              key={entry.id}
              color={resolved ? 'orange' : undefined}
              title={resolved ? t('visitEdit.history.resolved') : t('visitEdit.history.edited')}
              data-testid="history-entry"
            >
              <Text size="xs" c="dimmed" mb={4}>
                {t('case.history.by', {
                  who: nameOf(entry.user_id),
                  when: formatDateTime(entry.at, i18n.language),
                })}
              </Text>
              <Stack gap={6}>
                {entry.changes.map((change, i) => (
                  <ChangeRow key={`${change.field}-${i}`} change={change} />
                ))}
              </Stack>
            </Timeline.Item>
          );
        })}
        <Timeline.Item title={t('visitEdit.history.created')}>
          <Text size="xs" c="dimmed">
            {t('case.history.by', {
              who: nameOf(visit.created_by),
              when: formatDateTime(visit.created_at, i18n.language),
            })}
          </Text>
        </Timeline.Item>
      </Timeline>
    </Stack>
  );
}
