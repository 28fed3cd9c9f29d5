import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconGavel, IconSignature } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  fetchAgenda,
  fetchMeetings,
  type AgendaItem,
  type MeetingDecision,
} from '../../api/council';
import { useMe } from '../../auth/session';
import {
  enumLabel,
  enumOptions,
  formatDate,
  STATE_COLORS,
  caseStateLabel,
} from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { daysBefore } from '../../logic/council';
import { isoDay } from '../../logic/dates';
import { canRecordDecisions } from '../../logic/nav';
import { RecordDialog, SignDialog } from '../case/DecisionsTab';
import { DateField } from '../../components/DateField';
import { QueryState } from '../../components/QueryState';

const BODIES = ['council', 'commission_for_minors', 'interdepartmental_commission'] as const;

/** The sitting being recorded: every decision taken from the agenda carries it. */
export interface MeetingHeader {
  body: string;
  meeting_date: string;
  protocol_number: string;
  members_present: string;
}

function MeetingForm({
  header,
  onChange,
}: {
  header: MeetingHeader;
  onChange: (h: MeetingHeader) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<MeetingHeader>) => onChange({ ...header, ...patch });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="meeting-title">
      <Title order={3} size="h4" id="meeting-title" mb="sm">
        {t('council.meeting')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('case.decisions.body')}
          data={enumOptions(t, 'decisionBodies', BODIES)}
          value={header.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
        />
        <DateField
          label={t('case.decisions.meetingDate')}
          maxDate={isoDay()}
          value={header.meeting_date}
          onChange={(value) => set({ meeting_date: value })}
        />
        <TextInput
          label={t('case.decisions.protocol')}
          value={header.protocol_number}
          onChange={(e) => set({ protocol_number: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('case.decisions.members')}
        autosize
        minRows={2}
        value={header.members_present}
        onChange={(e) => set({ members_present: e.currentTarget.value })}
      />
    </Paper>
  );
}

export function AgendaTable({
  items,
  onRecord,
}: {
  items: AgendaItem[];
  onRecord: (item: AgendaItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.household')}</Table.Th>
            <Table.Th>{t('cases.state')}</Table.Th>
            <Table.Th>{t('cases.lead')}</Table.Th>
            <Table.Th>{t('council.why')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('council.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.case_id} data-testid="agenda-item">
              <Table.Td>
                <Anchor component={Link} to={`/cases/${item.case_id}`} fw={500}>
                  {item.address || t('common.notSpecified')}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('council.since', { date: formatDate(item.state_entered_on, i18n.language) })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATE_COLORS[item.state] ?? 'gray'} variant="light" tt="none">
                  {caseStateLabel(t, item.state)}
                </Badge>
              </Table.Td>
              <Table.Td>{item.lead_name ?? nameOf(item.lead_id)}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {item.reasons.map((r) => (
                    <Text size="sm" key={`${r.reason}-${r.proposed_kind}`}>
                      {t(`council.reasons.${r.reason}`)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  leftSection={<IconGavel size={14} aria-hidden />}
                  onClick={() => onRecord(item)}
                  aria-label={t('council.recordFor', { address: item.address })}
                >
                  {t('case.decisions.record')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PastMeetings({ onSign }: { onSign: (d: MeetingDecision) => void }) {
  const { t, i18n } = useTranslation();
  const today = isoDay();
  const query = useQuery({
    queryKey: ['council', 'meetings', today],
    queryFn: ({ signal }) => fetchMeetings(daysBefore(today, 365), today, signal),
  });
  if (!query.isSuccess) {
    return (
      <QueryState
        query={query}
        size="sm"
        label={t('council.loading')}
        title={t('common.loadFailed')}
      />
    );
  }
  if (query.data.length === 0) {
    return <Text c="dimmed">{t('council.noMeetings')}</Text>;
  }
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {query.data.map((m) => (
        <Paper
          key={`${m.meeting_date}/${m.body}/${m.protocol_number}`}
          withBorder
          radius="md"
          p="md"
          component="li"
          data-testid="meeting"
        >
          <Text fw={600}>
            {enumLabel(t, 'decisionBodies', m.body)} ·{' '}
            {t('case.decisions.protocolNo', {
              number: m.protocol_number,
              date: formatDate(m.meeting_date, i18n.language),
            })}
          </Text>
          {m.members_present.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('council.present', { names: m.members_present.join(', ') })}
            </Text>
          )}
          <Table mt="xs" verticalSpacing={4}>
            <Table.Tbody>
              {m.decisions.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${d.case_id}`} size="sm">
                      {d.address || t('common.notSpecified')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{enumLabel(t, 'decisionKinds', d.kind)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {d.signed ? (
                      <Badge color="green" variant="light" tt="none">
                        {t('council.signed')}
                      </Badge>
                    ) : (
                      <Button
                        size="compact-xs"
                        leftSection={<IconSignature size={12} aria-hidden />}
                        onClick={() => onSign(d)}
                      >
                        {t('case.decisions.sign')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}

/**
 * The council screen (SPEC §6) for secretaries and heads: the sitting's body, date, protocol and members; the
 * agenda of cases awaiting a decision, each recorded from here; past meetings with their decisions.
 */
export function CouncilPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('council.title') }));
  const me = useMe();
  const role = me.data?.role ?? '';
  const [header, setHeader] = useState<MeetingHeader>({
    body: 'council',
    meeting_date: isoDay(),
    protocol_number: '',
    members_present: '',
  });
  const [recording, setRecording] = useState<AgendaItem | null>(null);
  const [signing, setSigning] = useState<{ id: string } | null>(null);
  const agenda = useQuery({
    queryKey: ['council', 'agenda'],
    queryFn: ({ signal }) => fetchAgenda(signal),
    enabled: canRecordDecisions(role),
  });

  if (me.isPending) {
    return <Loader size="sm" aria-label={t('council.loading')} />;
  }
  if (!canRecordDecisions(role)) {
    return <Text c="dimmed">{t('council.notAllowed')}</Text>;
  }
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('council.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('council.subtitle')}
        </Text>
      </div>
      <MeetingForm header={header} onChange={setHeader} />
      <Stack gap="sm" component="section" aria-labelledby="agenda-title">
        <Title order={3} size="h4" id="agenda-title">
          {t('council.agenda')}
        </Title>
        <QueryState
          query={agenda}
          size="sm"
          label={t('council.loading')}
          title={t('common.loadFailed')}
        />
        {agenda.isSuccess && agenda.data.length === 0 && (
          <Text c="dimmed">{t('council.emptyAgenda')}</Text>
        )}
        {agenda.isSuccess && agenda.data.length > 0 && (
          <Paper withBorder radius="md">
            <AgendaTable items={agenda.data} onRecord={setRecording} />
          </Paper>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="meetings-title">
        <Title order={3} size="h4" id="meetings-title">
          {t('council.pastMeetings')}
        </Title>
        <PastMeetings onSign={(d) => setSigning({ id: d.id })} />
      </Stack>
      {recording && (
        <RecordDialog
          view={{
            id: recording.case_id,
            state: recording.state,
            lead_id: recording.lead_id,
            intensity: recording.intensity,
            planned_end: recording.planned_end,
          }}
          initial={{ ...header, kind: recording.reasons[0]?.proposed_kind ?? '' }}
          onClose={() => setRecording(null)}
        />
      )}
      {signing && (
        <SignDialog
          decisionId={signing.id}
          queryKey={['council']}
          onClose={() => setSigning(null)}
        />
      )}
    </Stack>
  );
}
