import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listUnits } from '../api/admin';
import { CASE_STATES, listCases, type CaseRecord } from '../api/cases';
import { useMe } from '../auth/session';
import {
  caseStateLabel,
  enumLabel,
  enumOptions,
  formatDate,
  STATE_COLORS,
} from '../components/labels';
import { ExportMenu } from '../components/ExportMenu';
import { useUserNames } from '../hooks/useUsers';
import {
  CASE_SORTS,
  filterCases,
  listFields,
  readCaseFilters,
  sortCases,
  withFilter,
} from '../logic/caseFilters';
import { RISK_LEVEL_COLORS } from '../logic/needs';
import { unitOptions, unitTree } from '../logic/units';
import ru from '../locales/ru.json';
import { useNarrowWidth } from '../hooks/useScreen';
import { useQuietSearchParam } from '../hooks/useQuietSearchParam';
import { QueryState } from '../components/QueryState';

const FILTER_LABELS = ru.cases.filterKeys;
type FilterLabelKey = keyof typeof FILTER_LABELS;
const RISK_LEVELS = ['critical', 'high', 'medium', 'low'];

export function CasesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('cases.title') }));
  // Filters, search and order live in the URL: a report's number links here with them (SPEC §10),
  // a reload or a link sent to a colleague keeps them.
  // The search text goes to the address outside the router (a navigation per keystroke lags behind the
  // typing), once the page is drawn, and before a filter's own navigation reads the address: else that
  // navigation carried the old text, and "Ленина" came back into a field just emptied.
  const [search, setSearch] = useSearchParams();
  const [typed, setTyped, writeTyped] = useQuietSearchParam('q');
  const filters = { ...readCaseFilters(search), q: typed ?? '' };
  const set = (key: string, value: string) => {
    writeTyped();
    setSearch(withFilter(new URLSearchParams(window.location.search), key, value), {
      replace: true,
    });
  };
  const me = useMe().data;
  const { nameOf } = useUserNames();
  const query = useQuery({ queryKey: ['cases'], queryFn: ({ signal }) => listCases(signal) });
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => listUnits(signal),
    staleTime: 5 * 60_000,
  });
  const all = useMemo(() => query.data ?? [], [query.data]);
  const fields = listFields(all);
  const unitRows = useMemo(() => unitTree(units.data ?? []), [units.data]);
  const subtree = (unitId: string) => {
    const ids = new Set([unitId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of units.data ?? []) {
        if (u.parent_id !== null && ids.has(u.parent_id) && !ids.has(u.id)) {
          ids.add(u.id);
          grew = true;
        }
      }
    }
    return ids;
  };
  const cases = sortCases(filterCases(all, filters, subtree), filters.sort);
  // Leads of the listed cases, by name (the list carries them: no request per case).
  const leads = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of all) {
      if (c.lead_id) {
        byId.set(c.lead_id, c.lead_name ?? nameOf(c.lead_id));
      }
    }
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  }, [all, nameOf]);
  // Filters the list cannot apply: unknown keys, or risk and category while the list lacks them.
  const notApplied: [string, string][] = [
    ...filters.unknown,
    ...(['risk', 'category'] as const)
      .filter((key) => filters.applied[key] !== undefined && !fields[key])
      .map((key): [string, string] => [key, filters.applied[key] ?? '']),
  ];
  const anyFilter = Object.keys(filters.applied).length > 0 || filters.q !== '';
  // On a phone the selects fold away under one button; the search stays in view.
  const isPhone = useNarrowWidth();
  const activeCount = Object.keys(filters.applied).length + (search.has('sort') ? 1 : 0);
  const [filtersOpened, { toggle: toggleFilters }] = useDisclosure(false);
  const filtersShown = !isPhone || filtersOpened;
  const addressOf = (c: CaseRecord) => c.address || t('common.notSpecified');
  const filterValueLabel = (key: string, value: string) =>
    key === 'state'
      ? caseStateLabel(t, value)
      : key === 'lead'
        ? nameOf(value)
        : key === 'risk'
          ? enumLabel(t, 'riskLevels', value)
          : key === 'category'
            ? enumLabel(t, 'categories', value)
            : value;

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('cases.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('cases.subtitle')}
          </Text>
        </div>
        {me?.role === 'head' && <ExportMenu />}
      </Group>
      <Paper withBorder radius="md" p="md" component="section" aria-label={t('caseList.filters')}>
        <Stack gap="sm">
          <TextInput
            label={t('caseList.search')}
            placeholder={t('caseList.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={filters.q}
            onChange={(e) => setTyped(e.currentTarget.value || null)}
            data-testid="case-search"
          />
          {isPhone && (
            <Button
              variant="default"
              size="xs"
              onClick={toggleFilters}
              aria-expanded={filtersShown}
              aria-controls="case-filter-fields"
              leftSection={<IconAdjustmentsHorizontal size={14} aria-hidden />}
            >
              {`${t('caseList.more')}${activeCount > 0 ? ` (${activeCount})` : ''}`}
            </Button>
          )}
          <div id="case-filter-fields">
            {filtersShown && (
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                <NativeSelect
                  label={t('cases.filterKeys.state')}
                  data={[
                    { value: '', label: t('cases.allStates') },
                    ...CASE_STATES.map((s) => ({ value: s, label: caseStateLabel(t, s) })),
                  ]}
                  value={filters.applied.state ?? ''}
                  onChange={(e) => set('state', e.currentTarget.value)}
                />
                <NativeSelect
                  label={t('cases.filterKeys.lead')}
                  data={[
                    { value: '', label: t('caseList.anyLead') },
                    { value: 'none', label: t('caseList.noLead') },
                    ...leads.map(([value, label]) => ({ value, label })),
                  ]}
                  value={filters.applied.lead ?? ''}
                  onChange={(e) => set('lead', e.currentTarget.value)}
                />
                {unitRows.length > 1 && (
                  <NativeSelect
                    label={t('cases.filterKeys.unit')}
                    data={[{ value: '', label: t('caseList.anyUnit') }, ...unitOptions(unitRows)]}
                    value={filters.applied.unit ?? ''}
                    onChange={(e) => set('unit', e.currentTarget.value)}
                  />
                )}
                {fields.risk && (
                  <NativeSelect
                    label={t('cases.filterKeys.risk')}
                    data={[
                      { value: '', label: t('caseList.anyRisk') },
                      ...enumOptions(t, 'riskLevels', RISK_LEVELS),
                      { value: 'none', label: t('caseList.notAssessed') },
                    ]}
                    value={filters.applied.risk ?? ''}
                    onChange={(e) => set('risk', e.currentTarget.value)}
                  />
                )}
                {fields.category && (
                  <NativeSelect
                    label={t('cases.filterKeys.category')}
                    data={[
                      { value: '', label: t('caseList.anyCategory') },
                      ...enumOptions(t, 'categories', Object.keys(ru.categories)),
                    ]}
                    value={filters.applied.category ?? ''}
                    onChange={(e) => set('category', e.currentTarget.value)}
                  />
                )}
                <NativeSelect
                  label={t('cases.filterKeys.intensity')}
                  data={[
                    { value: '', label: t('caseList.anyIntensity') },
                    ...enumOptions(t, 'intensity', ['intensive', 'standard']),
                  ]}
                  value={filters.applied.intensity ?? ''}
                  onChange={(e) => set('intensity', e.currentTarget.value)}
                />
                <NativeSelect
                  label={t('caseList.sort')}
                  data={CASE_SORTS.map((s) => ({ value: s, label: t(`caseList.sorts.${s}`) }))}
                  value={filters.sort}
                  onChange={(e) =>
                    set(
                      'sort',
                      e.currentTarget.value === CASE_SORTS[0] ? '' : e.currentTarget.value,
                    )
                  }
                />
              </SimpleGrid>
            )}
          </div>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="case-count">
              {query.isSuccess && t('caseList.shown', { count: cases.length, total: all.length })}
            </Text>
            {(anyFilter || notApplied.length > 0) && (
              <Button size="xs" variant="subtle" onClick={() => setSearch(new URLSearchParams())}>
                {t('cases.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      {notApplied.length > 0 && (
        <Alert
          variant="light"
          color="blue"
          title={t('cases.fromReport')}
          data-testid="case-filters"
        >
          <Stack gap="xs" align="flex-start">
            <Group gap="xs" wrap="wrap">
              {notApplied.map(([key, value]) => (
                <Badge key={key} variant="outline" tt="none">
                  {`${key in FILTER_LABELS ? t(`cases.filterKeys.${key as FilterLabelKey}`) : key}: ${filterValueLabel(key, value)}`}
                </Badge>
              ))}
            </Group>
            <Text size="sm">{t('cases.filterNotApplied')}</Text>
          </Stack>
        </Alert>
      )}
      <QueryState query={query} title={t('common.loadFailed')} centered />
      {query.isSuccess && cases.length === 0 && (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {all.length === 0 ? t('cases.empty') : t('caseList.nothingFound')}
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
                  {fields.risk && <Table.Th>{t('cases.filterKeys.risk')}</Table.Th>}
                  <Table.Th>{t('cases.lead')}</Table.Th>
                  <Table.Th>{t('cases.opened')}</Table.Th>
                  <Table.Th>{t('cases.plannedEnd')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.map((c) => (
                  <Table.Tr key={c.id} data-testid="case-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`} fw={500}>
                        {c.family_name ? `${c.family_name}, ${addressOf(c)}` : addressOf(c)}
                      </Anchor>
                      {/* A case number is never split at its hyphen on a narrow screen. */}
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {t('cases.caseNumber', { number: c.number })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[c.state] ?? 'gray'} variant="light" tt="none">
                        {caseStateLabel(t, c.state)}
                      </Badge>
                    </Table.Td>
                    {fields.risk && (
                      <Table.Td>
                        {c.risk_level ? (
                          <Badge
                            color={RISK_LEVEL_COLORS[c.risk_level] ?? 'gray'}
                            variant="light"
                            tt="none"
                          >
                            {enumLabel(t, 'riskLevels', c.risk_level)}
                          </Badge>
                        ) : (
                          t('caseList.notAssessed')
                        )}
                      </Table.Td>
                    )}
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
