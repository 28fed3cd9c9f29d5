import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import {
  addCourse,
  changeVolunteerStatus,
  fetchVolunteer,
  type VolunteerView,
} from '../../api/volunteers';
import { formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import {
  DAY_SLOTS,
  parseAvailability,
  validateCourse,
  WEEK_DAYS,
  type CourseDraft,
} from '../../logic/volunteers';
import { codeLabel, codeList, STATUS_COLORS, statusLabel } from './labels';
import { DateField } from '../../components/DateField';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { BackLink } from '../../components/BackLink';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** SPEC §9: one volunteer — details, weekly free time, training courses and status. */
export function VolunteerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['volunteer', id],
    queryFn: ({ signal }) => fetchVolunteer(id, signal),
  });
  useDocumentTitle(
    t('app.pageTitle', {
      page: query.data ? `${query.data.last_name} ${query.data.first_name}` : t('volunteers.title'),
    }),
  );
  return (
    <Stack gap="md" maw={1100}>
      <BackLink to="/volunteers">{t('volunteers.back')}</BackLink>
      <QueryState query={query} />
      {query.data && <VolunteerContent volunteer={query.data} />}
    </Stack>
  );
}

function VolunteerContent({ volunteer: v }: { volunteer: VolunteerView }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const status = useMutation({
    mutationFn: (to: string) => changeVolunteerStatus(v.id, to),
    onSuccess: async (updated) => {
      notifications.show({
        color: 'green',
        message: t('volunteers.statusChanged', { status: statusLabel(t, updated.status) }),
      });
      client.setQueryData(['volunteer', v.id], updated);
      await client.invalidateQueries({ queryKey: ['volunteers'] });
    },
  });
  const fields: [string, string][] = [
    [t('volunteers.birthDate'), formatDate(v.birth_date, i18n.language)],
    [t('volunteers.phone'), v.phone || '—'],
    [t('volunteers.district'), v.district || '—'],
    [t('volunteers.skills'), codeList(t, v.skills)],
    [t('volunteers.interests'), codeList(t, v.interests)],
    [t('volunteers.languages'), codeList(t, v.languages)],
    [t('volunteers.wards'), String(v.current_wards)],
  ];
  return (
    <>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2}>
            {[v.last_name, v.first_name, v.patronymic].filter(Boolean).join(' ')}
          </Title>
          <Stack gap={2} align="flex-end">
            <Badge
              size="lg"
              color={STATUS_COLORS[v.status] ?? 'gray'}
              tt="none"
              data-testid="volunteer-status"
            >
              {statusLabel(t, v.status)}
            </Badge>
            {v.status_since && (
              <Text size="xs" c="dimmed">
                {t('volunteers.since', { date: formatDate(v.status_since, i18n.language) })}
              </Text>
            )}
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" mt="sm">
          {fields.map(([label, value]) => (
            <div key={label}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm">{value}</Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="sm" mt="sm" c="dimmed">
          {t('volunteers.contacts', { count: v.contacts.length, minutes: v.contact_minutes })}
        </Text>
      </Paper>

      {(v.next_statuses ?? []).length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h5" mb="sm">
            {t('volunteers.changeStatus')}
          </Title>
          <Group gap="sm">
            {(v.next_statuses ?? []).map((to) => (
              <Button
                key={to}
                variant={to === 'left' ? 'light' : 'filled'}
                color={to === 'left' ? 'red' : 'blue'}
                loading={status.isPending && status.variables === to}
                onClick={() => status.mutate(to)}
                data-testid={`volunteer-to-${to}`}
              >
                {t('volunteers.moveTo', { status: statusLabel(t, to) })}
              </Button>
            ))}
          </Group>
          {status.error && (
            <Alert
              color="orange"
              mt="sm"
              role="alert"
              data-testid="volunteer-status-error"
              data-rule={
                isApiError(status.error)
                  ? status.error.type.replace('urn:patronage:problem:', '')
                  : undefined
              }
            >
              {errorMessage(status.error, t)}
            </Alert>
          )}
        </Paper>
      )}

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h5" mb="sm">
          {t('volunteers.availability')}
        </Title>
        <Availability text={v.availability} />
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h5" mb="sm">
          {t('volunteers.courses')}
        </Title>
        {v.missing_courses.length > 0 && (
          <Alert color="yellow" mb="sm" data-testid="missing-courses">
            {t('volunteers.missingCourses', {
              courses: v.missing_courses.map((c) => codeLabel(t, c)).join(', '),
            })}
          </Alert>
        )}
        {v.courses.length === 0 ? (
          <Text c="dimmed">{t('volunteers.noCourses')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="courses">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('volunteers.courseName')}</Table.Th>
                  <Table.Th>{t('volunteers.hours')}</Table.Th>
                  <Table.Th>{t('volunteers.takenOn')}</Table.Th>
                  <Table.Th>{t('volunteers.certificate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.courses.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.hours}</Table.Td>
                    <Table.Td>{formatDate(c.taken_on, i18n.language)}</Table.Td>
                    <Table.Td>{c.certificate || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <CourseForm volunteer={v} />
      </Paper>
    </>
  );
}

function Availability({ text }: { text: string | undefined }) {
  const { t } = useTranslation();
  const slots = parseAvailability(text);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder withColumnBorders ta="center" data-testid="availability">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {WEEK_DAYS.map((d) => (
              <Table.Th key={d} ta="center">
                {t(`volunteers.days.${d}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DAY_SLOTS.map((s) => (
            <Table.Tr key={s}>
              <Table.Th scope="row">{t(`volunteers.slots.${s}`)}</Table.Th>
              {WEEK_DAYS.map((d) => {
                const free = slots.has(`${d}.${s}`);
                return (
                  <Table.Td
                    key={d}
                    bg={free ? 'green.1' : undefined}
                    aria-label={`${t(`volunteers.days.${d}`)}, ${t(`volunteers.slots.${s}`)}: ${
                      free ? t('common.yes') : t('common.no')
                    }`}
                  >
                    {free && <IconCheck size={16} aria-hidden />}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CourseForm({ volunteer }: { volunteer: VolunteerView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = isoDay();
  const first = volunteer.missing_courses[0] ?? '';
  const empty: CourseDraft = {
    code: first,
    name: first ? codeLabel(t, first) : '',
    hours: '',
    taken_on: today,
    certificate: '',
  };
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<CourseDraft>(empty);
  const mutation = useMutation({
    mutationFn: () =>
      addCourse(volunteer.id, {
        code: draft.code.trim(),
        name: draft.name.trim(),
        hours: Number(draft.hours),
        taken_on: draft.taken_on,
        ...(draft.certificate.trim() !== '' ? { certificate: draft.certificate.trim() } : {}),
      }),
    onSuccess: (updated) => {
      notifications.show({ color: 'green', message: t('volunteers.courseSaved') });
      client.setQueryData(['volunteer', volunteer.id], updated);
      setOpen(false);
    },
  });
  const { fieldError, touch, submit, reset } = useValidatedForm({
    problems: validateCourse(draft, today),
    message: (problem) => t(`volunteers.errors.${problem}`),
    serverError: mutation.error,
  });
  const set = (field: keyof CourseDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    touch(field);
  };
  if (!open) {
    return (
      <Button
        mt="sm"
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => {
          setDraft(empty);
          reset();
          setOpen(true);
        }}
      >
        {t('volunteers.addCourse')}
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm" mt="md">
        <MutationError error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('volunteers.courseCode')}
            required
            value={draft.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={fieldError('code')}
          />
          <TextInput
            label={t('volunteers.courseName')}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError('name')}
          />
          <TextInput
            label={t('volunteers.hours')}
            required
            inputMode="numeric"
            value={draft.hours}
            onChange={(e) => set('hours', e.currentTarget.value)}
            error={fieldError('hours')}
          />
          <DateField
            label={t('volunteers.takenOn')}
            required
            maxDate={today}
            value={draft.taken_on}
            onChange={(value) => set('taken_on', value)}
            error={fieldError('taken_on')}
          />
          <TextInput
            label={t('volunteers.certificate')}
            value={draft.certificate}
            onChange={(e) => set('certificate', e.currentTarget.value)}
            error={fieldError('certificate')}
          />
        </SimpleGrid>
        <FormActions pending={mutation.isPending} onCancel={() => setOpen(false)} />
      </Stack>
    </form>
  );
}
