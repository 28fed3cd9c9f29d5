import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, listCases, type CaseRecord } from '../api/cases';
import { ErrorPanel } from '../components/ErrorPanel';
import { enumLabel, enumOptions, formatDate, STATE_COLORS } from '../components/labels';
import { useUserNames } from '../hooks/useUsers';
import { filterCases, readCaseFilters } from '../logic/caseFilters';
import ru from '../locales/ru.json';

const FILTER_LABELS = ru.cases.filterKeys;
type FilterLabelKey = keyof typeof FILTER_LABELS;

export function CasesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('cases.title') }));
  // Filters live in the URL: a report's number links here with them (SPEC §10).
  const [search, setSearch] = useSearchParams();
  const filters = readCaseFilters(search);
  const state = filters.applied.state ?? '';
  const setState = (value: string) => {
    const next = new URLSearchParams(search);
    if (value === '') {
      next.delete('state');
    } else {
      next.set('state', value);
    }
    setSearch(next, { replace: true });
  };
  const fromReport =
    Object.keys(filters.applied).some((k) => k !== 'state') || filters.unknown.length > 0;
  const { nameOf } = useUserNames();
  const query = useQuery({ queryKey: ['cases'], queryFn: ({ signal }) => listCases(signal) });
  const cases = filterCases(query.data ?? [], filters);
  // The list carries each case's address and lead name (one query, no request per household).
  const addressOf = (c: CaseRecord) => c.address || t('common.notSpecified');

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('cases.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('cases.subtitle')}
          </Text>
        </div>
        <NativeSelect
          label={t('cases.filterState')}
          data={[
            { value: '', label: t('cases.allStates') },
            ...enumOptions(t, 'caseStates', CASE_STATES),
          ]}
          value={state}
          onChange={(e) => setState(e.currentTarget.value)}
          w={240}
        />
      </Group>
      {fromReport && (
        <Alert
          variant="light"
          color="blue"
          title={t('cases.fromReport')}
          data-testid="case-filters"
        >
          <Stack gap="xs" align="flex-start">
            <Group gap="xs" wrap="wrap">
              {[...Object.entries(filters.applied), ...filters.unknown].map(([key, value]) => (
                <Badge key={key} variant="outline" tt="none">
                  {`${key in FILTER_LABELS ? t(`cases.filterKeys.${key as FilterLabelKey}`) : key}: ${
                    key === 'state'
                      ? enumLabel(t, 'caseStates', value)
                      : key === 'lead'
                        ? nameOf(value)
                        : value
                  }`}
                </Badge>
              ))}
            </Group>
            {filters.unknown.length > 0 && <Text size="sm">{t('cases.filterNotApplied')}</Text>}
            <Button size="xs" variant="light" onClick={() => setSearch(new URLSearchParams())}>
              {t('cases.clearFilters')}
            </Button>
          </Stack>
        </Alert>
      )}
      {query.isPending && (
        <Group justify="center" p="xl">
          <Loader aria-label={t('app.loading')} />
        </Group>
      )}
      {query.isError && (
        <ErrorPanel
          error={query.error}
          title={t('common.loadFailed')}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isSuccess && cases.length === 0 && (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {t('cases.empty')}
          </Text>
        </Paper>
      )}
      {cases.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.household')}</Table.Th>
                  <Table.Th>{t('cases.state')}</Table.Th>
                  <Table.Th>{t('cases.lead')}</Table.Th>
                  <Table.Th>{t('cases.opened')}</Table.Th>
                  <Table.Th>{t('cases.plannedEnd')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`} fw={500}>
                        {c.family_name ? `${c.family_name}, ${addressOf(c)}` : addressOf(c)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t('cases.caseNumber', { number: c.number })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[c.state] ?? 'gray'} variant="light" tt="none">
                        {enumLabel(t, 'caseStates', c.state)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{c.lead_name ?? nameOf(c.lead_id)}</Table.Td>
                    <Table.Td>{formatDate(c.opened_on, i18n.language)}</Table.Td>
                    <Table.Td>
                      {c.planned_end ? formatDate(c.planned_end, i18n.language) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
