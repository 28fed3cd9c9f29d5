import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPhone, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchMyWards, type Ward, type WardContact } from '../../api/wards';
import { useMe } from '../../auth/session';
import { PendingItems } from '../../offline/PendingItems';
import { submitOrQueue } from '../../offline/runtime';
import { formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import { sortContacts, validateContact, type ContactDraft } from '../../logic/wards';
import { DateField } from '../../components/DateField';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';

/** SPEC §9: a volunteer's families, phone first: address, names, phone, tasks, own contact log. */
export function MyWardsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('wards.title') }));
  const query = useQuery({ queryKey: ['my-wards'], queryFn: ({ signal }) => fetchMyWards(signal) });
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>{t('wards.title')}</Title>
      <QueryState query={query} />
      {query.data && query.data.volunteer_id === null && (
        <Text c="dimmed">{t('wards.notVolunteer')}</Text>
      )}
      {query.data && query.data.volunteer_id !== null && query.data.items.length === 0 && (
        <Text c="dimmed">{t('wards.empty')}</Text>
      )}
      {query.data?.volunteer_id &&
        query.data.items.map((ward) => (
          <WardCard key={ward.case_id} ward={ward} volunteerId={query.data.volunteer_id ?? ''} />
        ))}
    </Stack>
  );
}

function WardCard({ ward, volunteerId }: { ward: Ward; volunteerId: string }) {
  const { t, i18n } = useTranslation();
  const userId = useMe().data?.id;
  const [adding, setAdding] = useState(false);
  return (
    <Card withBorder radius="md" padding="md" data-testid="ward">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {ward.address}
        </Title>
        <div>
          <Text size="xs" c="dimmed">
            {t('wards.family')}
          </Text>
          <Text size="sm">
            {ward.members.map((m) => `${m.first_name} ${m.last_name}`).join(', ')}
          </Text>
        </div>
        {ward.phone && (
          <Group gap={6}>
            <IconPhone size={16} aria-hidden />
            <Anchor href={`tel:${ward.phone.replace(/[^+\d]/g, '')}`} size="md">
              {ward.phone}
            </Anchor>
          </Group>
        )}
        <div>
          <Text size="xs" c="dimmed">
            {t('wards.tasks')}
          </Text>
          {ward.measures.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('wards.noTasks')}
            </Text>
          ) : (
            ward.measures.map((m) => (
              <Text key={m.id} size="sm">
                {`${m.what} · ${formatDate(m.due_on, i18n.language)}`}
              </Text>
            ))
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('wards.contacts')}
          </Text>
          {ward.contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('wards.noContacts')}
            </Text>
          ) : (
            <Stack gap={4}>
              {sortContacts(ward.contacts).map((c) => (
                <Group key={c.id} gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                    {formatDate(c.on, i18n.language)}
                  </Badge>
                  <Text size="sm">{`${c.what} (${t('wards.minutes', { count: c.minutes })})`}</Text>
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <PendingItems userId={userId} caseId={ward.case_id} kinds={['contact']} />
        {adding ? (
          <ContactForm
            caseId={ward.case_id}
            volunteerId={volunteerId}
            onDone={() => setAdding(false)}
          />
        ) : (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setAdding(true)}
            fullWidth
            size="md"
          >
            {t('wards.addContact')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

function ContactForm({
  caseId,
  volunteerId,
  onDone,
}: {
  caseId: string;
  volunteerId: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const [draft, setDraft] = useState<ContactDraft>({ on: isoDay(), minutes: 60, what: '' });
  const mutation = useMutation({
    // Issue 14: through the outbox — sent at once when online, kept on the device when not.
    mutationFn: () =>
      submitOrQueue<WardContact>(me?.id ?? '', {
        kind: 'contact',
        method: 'POST',
        path: `/api/v1/volunteers/${encodeURIComponent(volunteerId)}/contacts`,
        body: {
          case_id: caseId,
          on: draft.on,
          minutes: Number(draft.minutes),
          what: draft.what.trim(),
        },
        caseId,
        summary: `${formatDate(draft.on, i18n.language)} · ${draft.what.trim()}`,
      }),
    onSuccess: async (submitted) => {
      notifications.show(
        submitted.queued
          ? { color: 'blue', message: t('offline.queued') }
          : { color: 'green', message: t('wards.saved') },
      );
      onDone();
      await client.invalidateQueries({ queryKey: ['my-wards'] });
    },
  });
  const { fieldError, submit } = useValidatedForm({
    problems: validateContact(draft),
    message: (_, field) =>
      field === 'on'
        ? t('case.assessments.required')
        : field === 'minutes'
          ? t('wards.minutesInvalid')
          : t('wards.whatRequired'),
  });
  return (
    <form onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <Group grow>
          <DateField
            label={t('wards.on')}
            value={draft.on}
            onChange={(value) => setDraft({ ...draft, on: value })}
            error={fieldError('on')}
            required
          />
          <NumberInput
            label={t('wards.duration')}
            value={draft.minutes}
            onChange={(v) => setDraft({ ...draft, minutes: v })}
            min={1}
            max={1440}
            allowDecimal={false}
            error={fieldError('minutes')}
            required
          />
        </Group>
        <Textarea
          autoComplete="off"
          spellCheck
          autoCapitalize="sentences"
          enterKeyHint="enter"
          label={t('wards.what')}
          value={draft.what}
          onChange={(e) => setDraft({ ...draft, what: e.currentTarget.value })}
          autosize
          minRows={2}
          error={fieldError('what')}
          required
        />
        <MutationError error={mutation.error} />
        <Group grow>
          <Button variant="default" onClick={onDone} size="md">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} size="md">
            {t('wards.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
