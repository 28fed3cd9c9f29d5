import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errorMessage';
import {
  assignVolunteer,
  fetchProposals,
  listVolunteers,
  proposeBatch,
} from '../../api/volunteers';
import { ErrorPanel } from '../../components/ErrorPanel';
import { caseIdList } from '../../logic/volunteers';
import { QueryState } from '../../components/QueryState';
import { BackLink } from '../../components/BackLink';

/**
 * SPEC §9: volunteers proposed for wards, best first, each with the reasons; the best
 * assignment for several wards at once (nothing is written until "Assign").
 * /volunteers/match?case=2026-0042&case=2026-0043 (case numbers as people write them, or ids)
 */
export function MatchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('volunteers.matchTitle') }));
  const [params, setParams] = useSearchParams();
  const cases = params.getAll('case');
  const [text, setText] = useState(cases.join('\n'));
  const batch = useQuery({
    queryKey: ['volunteer-batch', cases],
    queryFn: () => proposeBatch(cases),
    enabled: cases.length > 1,
    retry: false,
  });
  // The batch names volunteers by id: their names come from the list the coordinator sees anyway.
  const volunteers = useQuery({
    queryKey: ['volunteers'],
    queryFn: ({ signal }) => listVolunteers(signal),
    enabled: batch.isSuccess,
  });
  const volunteerName = (id: string) => {
    const found = volunteers.data?.find((v) => v.id === id);
    return found ? `${found.last_name} ${found.first_name}` : '…';
  };
  return (
    <Stack gap="md" maw={1100}>
      <BackLink to="/volunteers">{t('volunteers.back')}</BackLink>
      <Title order={2}>{t('volunteers.matchTitle')}</Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          caseIdList(text).forEach((id) => next.append('case', id));
          setParams(next);
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <Textarea
            label={t('volunteers.caseIds')}
            description={t('volunteers.matchHint')}
            autosize
            minRows={2}
            style={{ flex: 1, minWidth: 260 }}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button type="submit" disabled={caseIdList(text).length === 0}>
            {t('volunteers.propose')}
          </Button>
        </Group>
      </form>
      {batch.isError && <ErrorPanel error={batch.error} />}
      {batch.data && (
        <Paper withBorder radius="md" p="md" data-testid="batch">
          <Text fw={600}>{t('volunteers.batch', { score: batch.data.total_score })}</Text>
          <List size="sm">
            {batch.data.matches.map((m) => (
              <List.Item key={m.case_id}>
                {t('volunteers.batchMatch', {
                  number: m.case_number,
                  name: volunteerName(m.volunteer_id),
                  score: m.score,
                })}
              </List.Item>
            ))}
          </List>
          {batch.data.unassigned_case_ids.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('volunteers.unassigned', {
                cases: batch.data.unassigned_case_numbers.join(', '),
              })}
            </Text>
          )}
        </Paper>
      )}
      {cases.map((caseRef) => (
        <Proposals key={caseRef} caseRef={caseRef} />
      ))}
    </Stack>
  );
}

/** The volunteers proposed for one ward, with the reasons and an "Assign" button each. */
export function Proposals({ caseRef }: { caseRef: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['volunteer-proposals', caseRef],
    queryFn: ({ signal }) => fetchProposals(caseRef, signal),
    retry: false,
  });
  const caseId = query.data?.case_id ?? caseRef;
  const assign = useMutation({
    mutationFn: (volunteerId: string) => assignVolunteer(caseId, volunteerId),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('volunteers.assigned') });
      await Promise.all([
        client.invalidateQueries({ queryKey: ['volunteer-proposals', caseRef] }),
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['volunteers'] }),
      ]);
    },
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="proposals">
      <Title order={3} size="h5" mb="sm">
        {t('volunteers.proposals', { number: query.data?.case_number ?? caseRef })}
      </Title>
      <QueryState query={query} size="sm" noRetry />
      {query.data?.items.length === 0 && <Text c="dimmed">{t('volunteers.noProposals')}</Text>}
      {assign.error && (
        <Alert color="orange" role="alert" mb="sm">
          {errorMessage(assign.error, t)}
        </Alert>
      )}
      <Stack gap="sm">
        {query.data?.items.map((p) => (
          <Group
            key={p.volunteer_id}
            justify="space-between"
            align="flex-start"
            wrap="wrap"
            data-testid="proposal"
          >
            <div>
              <Group gap="xs">
                <Anchor component={Link} to={`/volunteers/${p.volunteer_id}`} fw={600}>
                  {p.name}
                </Anchor>
                <Badge variant="light" tt="none">
                  {t('volunteers.score', { score: p.score })}
                </Badge>
              </Group>
              <List size="sm" spacing={2} mt={4}>
                {p.reasons.map((r) => (
                  <List.Item key={r.key + r.message} c={r.points < 0 ? 'orange' : undefined}>
                    {r.message}
                  </List.Item>
                ))}
              </List>
            </div>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconUserPlus size={14} aria-hidden />}
              loading={assign.isPending && assign.variables === p.volunteer_id}
              onClick={() => assign.mutate(p.volunteer_id)}
            >
              {t('volunteers.assign')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
