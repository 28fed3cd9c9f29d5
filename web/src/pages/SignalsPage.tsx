import { useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Checkbox,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { addPerson, createHousehold, fullName, updatePerson, type Person } from '../api/households';
import {
  fetchSignal,
  listOpenSignals,
  triageSignal,
  TRIAGE_OUTCOMES,
  type Signal,
  type SignalView,
} from '../api/signals';
import { GuardedModal } from '../components/GuardedModal';
import { MemberFields, RemovePersonButton } from '../components/MemberFields';
import { enumLabel, enumOptions, formatDateTime } from '../components/labels';
import { isoDay } from '../logic/dates';
import { useDraft } from '../hooks/useDraft';
import { isChanged, useUnsavedGuard } from '../hooks/useUnsavedGuard';
import { triageProblems, validateTriage, type FormErrors, type TriageDraft } from '../logic/forms';
import {
  EMPTY_MEMBER,
  memberFromSignal,
  memberPayload,
  parentsOfMinors,
  type MemberDraft,
} from '../logic/members';
import { deadlineStatus, sortByDeadline } from '../logic/signals';
import { useValidatedForm } from '../hooks/useValidatedForm';
import { QueryState } from '../components/QueryState';
import { MutationError } from '../components/MutationError';
import { FormActions } from '../components/FormActions';

const URGENCY_COLORS: Record<string, string> = {
  emergency: 'red',
  urgent: 'orange',
  routine: 'blue',
};

export function SignalsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('signals.title') }));
  const [params, setParams] = useSearchParams();
  const triageId = params.get('triage');
  const query = useQuery({
    queryKey: ['signals', 'open'],
    queryFn: ({ signal }) => listOpenSignals(signal),
  });
  const signals = sortByDeadline(query.data ?? []);
  const closeTriage = () => setParams({}, { replace: true });

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('signals.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('signals.subtitle')}
          </Text>
        </div>
        <Button component={Link} to="/intake" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('signals.newSignal')}
        </Button>
      </Group>
      <QueryState query={query} title={t('common.loadFailed')} centered />
      {query.isSuccess && signals.length === 0 && (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {t('signals.empty')}
          </Text>
        </Paper>
      )}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {signals.map((s) => (
          <SignalCard
            key={s.id}
            signal={s}
            language={i18n.language}
            onTriage={() => setParams({ triage: s.id })}
          />
        ))}
      </Stack>
      {triageId && <TriageDialog id={triageId} onClose={closeTriage} />}
    </Stack>
  );
}

function SignalCard({
  signal,
  language,
  onTriage,
}: {
  signal: Signal;
  language: string;
  onTriage: () => void;
}) {
  const { t } = useTranslation();
  const status = deadlineStatus(signal.deadline_at);
  const names = signal.persons.map((p) => fullName(p)).filter((n) => n !== '');
  return (
    <Paper withBorder radius="md" p="md" component="li" data-testid="signal">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
          <Group gap="xs">
            <Badge color={URGENCY_COLORS[signal.urgency] ?? 'gray'} tt="none">
              {enumLabel(t, 'urgency', signal.urgency)}
            </Badge>
            <Text size="sm" fw={600} c={status === 'overdue' ? 'red.8' : undefined}>
              {t('signals.deadline', { date: formatDateTime(signal.deadline_at, language) })}
            </Text>
            {status === 'overdue' && (
              <Badge color="red" variant="filled" tt="none">
                {t('signals.overdue')}
              </Badge>
            )}
            {status === 'soon' && (
              <Badge color="orange" variant="light" tt="none">
                {t('signals.soon')}
              </Badge>
            )}
          </Group>
          <Text>{signal.reported}</Text>
          <Text size="xs" c="dimmed">
            {enumLabel(t, 'sources', signal.source)} ·{' '}
            {t('signals.received', { date: formatDateTime(signal.received_at, language) })}
            {signal.address && ` · ${signal.address}`}
          </Text>
          {names.length > 0 && (
            <Text size="xs">{t('signals.persons', { names: names.join(', ') })}</Text>
          )}
        </Stack>
        <Button variant="light" onClick={onTriage}>
          {t('signals.triage')}
        </Button>
      </Group>
    </Paper>
  );
}

function TriageDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['signal', id],
    queryFn: ({ signal }) => fetchSignal(id, signal),
  });
  return (
    <GuardedModal opened onClose={onClose} title={t('signals.triageTitle')} centered size="lg">
      <QueryState query={query} noRetry />
      {query.data && <TriageForm view={query.data} onClose={onClose} />}
    </GuardedModal>
  );
}

/** Households the duplicate search proposed for this signal, best first, each once. */
function matchedHouseholds(view: SignalView): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const h of view.duplicates.households) {
    seen.set(h.household_id, h.address);
  }
  for (const list of view.duplicates.persons) {
    for (const p of list) {
      if (!seen.has(p.household_id)) {
        seen.set(p.household_id, p.name);
      }
    }
  }
  if (view.household_id && !seen.has(view.household_id)) {
    seen.set(view.household_id, view.address);
  }
  return [...seen].map(([hid, label]) => ({ id: hid, label }));
}

function TriageForm({ view, onClose }: { view: SignalView; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = isoDay();
  const matches = matchedHouseholds(view);
  // SPEC §4: a family matched exactly with an open case is pre-selected; the signal joins that case.
  const openCases = view.open_cases ?? [];
  const exact = openCases[0];
  const [attachCaseId, setAttachCaseId] = useState(exact?.case_id ?? '');
  const [parallelReason, setParallelReason] = useState('');
  const initial: TriageDraft = {
    outcome: exact ? 'attach' : '',
    reason: '',
    household_id: view.household_id ?? exact?.household_id ?? '',
    new_address: view.address,
    persons:
      view.persons.length > 0
        ? view.persons.map((p) => memberFromSignal(p, today))
        : [{ ...EMPTY_MEMBER }],
  };
  const [draft, setDraft, clearDraft] = useDraft<TriageDraft>(`triage.${view.id}`, initial);
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const errors = validateTriage(draft, today);
  // Opening a new family's case while an open case matches the signal exactly needs a recorded reason.
  const parallel =
    draft.outcome === 'open_case' &&
    exact !== undefined &&
    !openCases.some((c) => c.household_id === draft.household_id);
  const choiceErrors: FormErrors<'case_id' | 'parallel_reason'> = {
    ...(draft.outcome === 'attach' && attachCaseId === '' ? { case_id: 'required' as const } : {}),
    ...(parallel && parallelReason.trim() === '' ? { parallel_reason: 'required' as const } : {}),
  };
  const set = (patch: Partial<TriageDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setPerson = (index: number, patch: Partial<MemberDraft>) =>
    setDraft((d) => ({
      ...d,
      persons: d.persons.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    }));
  // Members already added to the new household: a retry after a failure must not add them twice.
  const added = useRef(new Map<number, Person>());
  const represented = useRef(new Set<number>());
  const newHousehold = useRef('');

  const mutation = useMutation({
    mutationFn: async () => {
      if (draft.outcome === 'attach') {
        return triageSignal(view.id, {
          outcome: 'attach',
          reason: draft.reason.trim(),
          case_id: attachCaseId,
        });
      }
      let householdId = draft.household_id;
      if (draft.outcome === 'open_case' && householdId === '') {
        const household = await createHousehold({ address: draft.new_address.trim() });
        householdId = household.id;
        // A retry must not create the household twice.
        set({ household_id: householdId });
        newHousehold.current = householdId;
      }
      if (draft.outcome === 'open_case' && householdId === newHousehold.current) {
        for (const [index, person] of draft.persons.entries()) {
          if (person.include && !added.current.has(index)) {
            added.current.set(index, await addPerson(householdId, memberPayload(person)));
          }
        }
        // A mother or father signs the consent for the minor children (SPEC §3): record them as
        // the children's legal representatives, or the case could never become active.
        const included = draft.persons.map((p) => (p.include ? p : { ...p, household_role: '' }));
        for (const [parent, children] of parentsOfMinors(included, isoDay())) {
          const person = added.current.get(parent);
          const ids = children.flatMap((c) => added.current.get(c)?.id ?? []);
          if (person && ids.length > 0 && !represented.current.has(parent)) {
            await updatePerson(person.id, {
              ...memberPayload(draft.persons[parent]!),
              represents: ids,
              version: person.version,
            });
            represented.current.add(parent);
          }
        }
      }
      return triageSignal(view.id, {
        outcome: draft.outcome,
        reason: draft.reason.trim(),
        ...(householdId !== '' ? { household_id: householdId } : {}),
        ...(parallel ? { parallel_reason: parallelReason.trim() } : {}),
      });
    },
    onSuccess: async (triaged) => {
      clearDraft();
      await queryClient.invalidateQueries({ queryKey: ['signals'] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      const caseId = triaged.triage?.case_id;
      const attached = openCases.find((c) => c.case_id === caseId);
      notifications.show({
        color: 'green',
        message:
          triaged.triage?.outcome === 'attach' && attached
            ? t('signals.attached', { number: attached.number })
            : caseId
              ? t('signals.caseOpened')
              : t('signals.triaged'),
      });
      if (caseId) {
        void navigate(`/cases/${encodeURIComponent(caseId)}`);
      } else {
        onClose();
      }
    },
  });
  const { fieldError, submit, tried } = useValidatedForm<string>({
    problems: { ...triageProblems(errors), ...choiceErrors },
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });

  return (
    <form noValidate onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <Paper bg="gray.0" p="sm" radius="sm">
          <Text size="sm">{view.reported}</Text>
        </Paper>
        {exact && (
          <Alert color="yellow" data-testid="exact-match">
            <Text size="sm">
              {t('signals.exactMatch', { number: exact.number, family: exact.family_name })}
            </Text>
            <Anchor component={Link} to={`/cases/${encodeURIComponent(exact.case_id)}`} size="sm">
              {t('signals.openExisting', { number: exact.number })}
            </Anchor>
          </Alert>
        )}
        <MutationError error={mutation.error}>
          {isApiError(mutation.error) && mutation.error.params.case_id && (
            <>
              {' '}
              <Anchor
                component={Link}
                to={`/cases/${encodeURIComponent(mutation.error.params.case_id)}`}
              >
                {t('signals.openExisting', { number: mutation.error.params.case_number ?? '' })}
              </Anchor>
            </>
          )}
        </MutationError>
        <NativeSelect
          label={t('signals.outcome')}
          required
          data={[{ value: '', label: '—' }, ...enumOptions(t, 'outcomes', TRIAGE_OUTCOMES)]}
          value={draft.outcome}
          onChange={(e) => set({ outcome: e.currentTarget.value })}
          error={fieldError('outcome')}
        />
        <Textarea
          label={t('signals.reason')}
          required
          autosize
          minRows={2}
          value={draft.reason}
          onChange={(e) => set({ reason: e.currentTarget.value })}
          error={fieldError('reason')}
        />
        {draft.outcome === 'open_case' && (
          <Radio.Group
            label={t('signals.household')}
            value={draft.household_id === '' ? 'new' : draft.household_id}
            onChange={(value) => set({ household_id: value === 'new' ? '' : value })}
            error={fieldError('household_id')}
          >
            <Stack gap={6} mt={4}>
              {matches.map((m) => (
                <Radio
                  key={m.id}
                  value={m.id}
                  label={t('signals.existingHousehold', { address: m.label })}
                />
              ))}
              <Radio value="new" label={t('signals.newHousehold')} />
            </Stack>
          </Radio.Group>
        )}
        {draft.outcome === 'attach' && (
          <Radio.Group
            label={t('signals.attachCase')}
            required
            value={attachCaseId}
            onChange={setAttachCaseId}
            error={fieldError('case_id')}
          >
            <Stack gap={6} mt={4}>
              {openCases.map((c) => (
                <Radio
                  key={c.case_id}
                  value={c.case_id}
                  label={t('signals.attachTo', { number: c.number, family: c.family_name })}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {parallel && (
          <Textarea
            label={t('signals.parallelReason')}
            description={t('signals.parallelHint', { number: exact.number })}
            required
            autosize
            minRows={2}
            value={parallelReason}
            onChange={(e) => setParallelReason(e.currentTarget.value)}
            error={fieldError('parallel_reason')}
          />
        )}
        {draft.outcome === 'open_case' && draft.household_id === '' && (
          <Paper withBorder p="sm" radius="sm">
            <Stack gap="xs">
              <TextInput
                label={t('signals.householdAddress')}
                required
                value={draft.new_address}
                onChange={(e) => set({ new_address: e.currentTarget.value })}
                error={fieldError('new_address')}
              />
              <Text size="sm" fw={600}>
                {t('capture.triage.members')}
              </Text>
              {tried && errors.persons && (
                <Text size="sm" c="red.8" role="alert">
                  {t('capture.triage.noMembers')}
                </Text>
              )}
              {draft.persons.map((person, index) => (
                <Paper
                  key={index}
                  withBorder
                  radius="sm"
                  p="xs"
                  bg={person.include ? undefined : 'gray.0'}
                  data-testid="triage-member"
                >
                  <Group justify="space-between" mb={4}>
                    <Checkbox
                      label={fullName(person) || t('intake.person', { n: index + 1 })}
                      checked={person.include}
                      onChange={(e) => setPerson(index, { include: e.currentTarget.checked })}
                      fw={600}
                    />
                    {index >= view.persons.length && (
                      <RemovePersonButton
                        n={index + 1}
                        onRemove={() =>
                          setDraft((d) => ({
                            ...d,
                            persons: d.persons.filter((_, i) => i !== index),
                          }))
                        }
                      />
                    )}
                  </Group>
                  {person.include && (
                    <MemberFields
                      value={person}
                      onChange={(patch) => setPerson(index, patch)}
                      errors={tried ? (errors.members[index] ?? {}) : {}}
                    />
                  )}
                </Paper>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    setDraft((d) => ({ ...d, persons: [...d.persons, { ...EMPTY_MEMBER }] }))
                  }
                  disabled={draft.persons.length >= 20}
                >
                  {t('intake.addPerson')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        <FormActions pending={mutation.isPending} onCancel={onClose} mt="sm" />
      </Stack>
    </form>
  );
}
