import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueries } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { searchPersonDuplicates } from '../api/households';
import { search, searchResultLink, type SearchResult } from '../api/search';
import { createSignal, SIGNAL_SOURCES, URGENCIES } from '../api/signals';
import { DateField, DateTimeField } from '../components/DateField';
import { DuplicateList } from '../components/DuplicateList';
import { enumLabel, enumOptions, formatDate, STATE_COLORS } from '../components/labels';
import { useDraft } from '../hooks/useDraft';
import { isoDay, localDateTimeToIso, nowLocalDateTime } from '../logic/dates';
import {
  EMPTY_PERSON,
  isPersonEmpty,
  signalProblems,
  validateSignal,
  worthDuplicateSearch,
  type PersonDraft,
  type SignalDraft,
} from '../logic/forms';
import { namesakes, nameSearchText } from '../logic/intake';
import { useValidatedForm } from '../hooks/useValidatedForm';
import { MutationError } from '../components/MutationError';
import { RemovePersonButton } from '../components/MemberFields';

const DEBOUNCE_MS = 400;

function initialDraft(): SignalDraft {
  return {
    received_at: nowLocalDateTime(),
    source: '',
    source_details: '',
    urgency: '',
    reported: '',
    address: '',
    persons: [{ ...EMPTY_PERSON }],
  };
}

/** People of the same name the quick search found: weaker than a duplicate, each with its case. */
function NamesakeList({
  person,
  items,
  language,
}: {
  person: number;
  items: SearchResult[];
  language: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="namesakes">
      <Text size="sm" fw={600}>
        {t('capture.intake.namesakes', { n: person })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('capture.intake.namesakesHint')}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => (
          <Paper key={r.person_id} withBorder radius="sm" p="xs" component="li">
            <Anchor component={Link} to={searchResultLink(r)} size="sm" fw={600} target="_blank">
              {r.display_name}
            </Anchor>
            {r.birth_date && (
              <Text size="xs" c="dimmed">
                {t('intake.born', { date: formatDate(r.birth_date, language) })}
              </Text>
            )}
            <Text size="xs">{r.address}</Text>
            {r.case_state && (
              <Badge
                size="sm"
                variant="light"
                color={STATE_COLORS[r.case_state] ?? 'gray'}
                tt="none"
              >
                {enumLabel(t, 'caseStates', r.case_state)}
              </Badge>
            )}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

export function IntakePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('intake.title') }));
  const navigate = useNavigate();
  const [draft, setDraft, clearDraft] = useDraft<SignalDraft>('signal', initialDraft());
  const today = isoDay();
  const set = (patch: Partial<SignalDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setPerson = (index: number, patch: Partial<PersonDraft>) =>
    setDraft((d) => ({
      ...d,
      persons: d.persons.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    }));

  // Live duplicate candidates for each person, once typing pauses.
  const [debounced] = useDebouncedValue(
    { persons: draft.persons, address: draft.address },
    DEBOUNCE_MS,
  );
  const searches = useQueries({
    queries: debounced.persons.map((p) => ({
      queryKey: [
        'duplicates',
        p.last_name,
        p.first_name,
        p.patronymic,
        p.birth_date,
        debounced.address,
      ],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        searchPersonDuplicates(
          {
            last_name: p.last_name.trim(),
            first_name: p.first_name.trim(),
            patronymic: p.patronymic.trim(),
            ...(p.birth_date !== '' ? { birth_date: p.birth_date } : {}),
            ...(debounced.address.trim() !== '' ? { address: debounced.address.trim() } : {}),
          },
          signal,
        ),
      enabled: worthDuplicateSearch(p),
      staleTime: 60_000,
      retry: false,
    })),
  });

  // A surname alone is too little for the duplicate scorer: ask the quick search by name as well.
  const nameSearches = useQueries({
    queries: debounced.persons.map((p) => {
      const text = nameSearchText(p);
      return {
        queryKey: ['intake-namesakes', text],
        queryFn: ({ signal }: { signal: AbortSignal }) => search(text ?? '', 5, signal),
        enabled: text !== null,
        staleTime: 60_000,
        retry: false,
      };
    }),
  });

  const mutation = useMutation({
    mutationFn: () => {
      const receivedAt = localDateTimeToIso(draft.received_at) ?? draft.received_at;
      return createSignal({
        received_at: receivedAt,
        source: draft.source,
        source_details: draft.source_details.trim(),
        reported: draft.reported.trim(),
        address: draft.address.trim(),
        urgency: draft.urgency,
        persons: draft.persons
          .filter((p) => !isPersonEmpty(p))
          .map((p) => ({
            last_name: p.last_name.trim(),
            first_name: p.first_name.trim(),
            patronymic: p.patronymic.trim(),
            ...(p.birth_date !== '' ? { birth_date: p.birth_date } : {}),
          })),
      });
    },
    onSuccess: (created) => {
      clearDraft();
      notifications.show({ color: 'green', message: t('intake.created') });
      void navigate(`/signals?triage=${encodeURIComponent(created.id)}`);
    },
  });
  const form = useValidatedForm<string>({
    problems: signalProblems(validateSignal(draft, today)),
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });
  const { fieldError } = form;
  const personError = (index: number, field: 'last_name' | 'birth_date') =>
    fieldError(`persons[${index}].${field}`);

  const anySearching = [...searches, ...nameSearches].some((s) => s.isFetching);
  const found = searches.flatMap((s, i) => {
    const items = s.data ?? [];
    const others = namesakes(nameSearches[i]?.data ?? [], items);
    return items.length > 0 || others.length > 0 ? [{ index: i, items, others }] : [];
  });
  const anySearch = debounced.persons.some(worthDuplicateSearch);

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={2}>{t('intake.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('intake.subtitle')}
        </Text>
      </div>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder radius="md" p="md">
            <form
              noValidate
              aria-label={t('intake.title')}
              onSubmit={form.submit(() => mutation.mutate())}
            >
              <Stack gap="sm">
                <MutationError error={mutation.error} />
                {form.tried && form.invalid && (
                  <Alert color="red" role="alert">
                    {t('validation.fixErrors')}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <DateTimeField
                    label={t('intake.receivedAt')}
                    required
                    maxDate={today}
                    value={draft.received_at}
                    onChange={(received_at) => set({ received_at })}
                    error={fieldError('received_at')}
                  />
                  <NativeSelect
                    label={t('intake.source')}
                    required
                    data={[{ value: '', label: '—' }, ...enumOptions(t, 'sources', SIGNAL_SOURCES)]}
                    value={draft.source}
                    onChange={(e) => set({ source: e.currentTarget.value })}
                    error={fieldError('source')}
                  />
                  <NativeSelect
                    label={t('intake.urgency')}
                    required
                    data={[{ value: '', label: '—' }, ...enumOptions(t, 'urgency', URGENCIES)]}
                    value={draft.urgency}
                    onChange={(e) => set({ urgency: e.currentTarget.value })}
                    error={fieldError('urgency')}
                  />
                </SimpleGrid>
                <TextInput
                  label={t('intake.sourceDetails')}
                  value={draft.source_details}
                  onChange={(e) => set({ source_details: e.currentTarget.value })}
                  error={fieldError('source_details')}
                />
                <Textarea
                  label={t('intake.reported')}
                  required
                  autosize
                  minRows={3}
                  value={draft.reported}
                  onChange={(e) => set({ reported: e.currentTarget.value })}
                  error={fieldError('reported')}
                />
                <TextInput
                  label={t('intake.address')}
                  value={draft.address}
                  onChange={(e) => set({ address: e.currentTarget.value })}
                  error={fieldError('address')}
                />
                <Title order={3} size="h5" mt="sm">
                  {t('intake.persons')}
                </Title>
                {draft.persons.map((p, index) => (
                  <Paper key={index} withBorder radius="sm" p="sm" bg="gray.0">
                    <Group justify="space-between" mb={4}>
                      <Text size="sm" fw={600}>
                        {t('intake.person', { n: index + 1 })}
                      </Text>
                      {draft.persons.length > 1 && (
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
                    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
                      <TextInput
                        label={t('intake.lastName')}
                        value={p.last_name}
                        onChange={(e) => setPerson(index, { last_name: e.currentTarget.value })}
                        error={personError(index, 'last_name')}
                      />
                      <TextInput
                        label={t('intake.firstName')}
                        value={p.first_name}
                        onChange={(e) => setPerson(index, { first_name: e.currentTarget.value })}
                      />
                      <TextInput
                        label={t('intake.patronymic')}
                        value={p.patronymic}
                        onChange={(e) => setPerson(index, { patronymic: e.currentTarget.value })}
                      />
                      <DateField
                        label={t('intake.birthDate')}
                        maxDate={today}
                        value={p.birth_date}
                        onChange={(birth_date) => setPerson(index, { birth_date })}
                        error={personError(index, 'birth_date')}
                      />
                    </SimpleGrid>
                  </Paper>
                ))}
                <Group justify="space-between" mt="sm">
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() =>
                      setDraft((d) => ({ ...d, persons: [...d.persons, { ...EMPTY_PERSON }] }))
                    }
                    disabled={draft.persons.length >= 20}
                  >
                    {t('intake.addPerson')}
                  </Button>
                  <Button type="submit" loading={mutation.isPending}>
                    {t('intake.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper
            withBorder
            radius="md"
            p="md"
            component="aside"
            aria-labelledby="duplicates-title"
            aria-live="polite"
            style={{ position: 'sticky', top: 76 }}
          >
            <Group gap="xs" mb="xs">
              <Title order={3} size="h5" id="duplicates-title">
                {t('intake.duplicates')}
              </Title>
              {anySearching && <Loader size="xs" aria-label={t('intake.searching')} />}
            </Group>
            <Text size="xs" c="dimmed" mb="sm">
              {t('intake.duplicatesHint')}
            </Text>
            {!anySearch && <Text size="sm">{t('intake.typeToSearch')}</Text>}
            {anySearch && !anySearching && found.length === 0 && (
              <Text size="sm">{t('intake.noDuplicates')}</Text>
            )}
            <Stack gap="sm">
              {found.map(({ index, items, others }) => (
                <div key={index}>
                  {items.length > 0 && (
                    <>
                      <Alert
                        color="orange"
                        variant="light"
                        p="xs"
                        mb={6}
                        icon={<IconAlertTriangle size={16} aria-hidden />}
                        data-testid="duplicate-warning"
                      >
                        {t('intake.duplicateWarning')} ({t('intake.person', { n: index + 1 })})
                      </Alert>
                      <DuplicateList items={items} />
                    </>
                  )}
                  {others.length > 0 && (
                    <NamesakeList person={index + 1} items={others} language={i18n.language} />
                  )}
                </div>
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
