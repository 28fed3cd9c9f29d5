import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconArrowsShuffle,
  IconPrinter,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchCase, type CaseView } from '../../api/cases';
import { fetchHousehold, fullName } from '../../api/households';
import { useMe } from '../../auth/session';
import {
  enumLabel,
  formatDate,
  STATE_COLORS,
  caseStateLabel,
  withHumanDates,
} from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { useVisits } from '../../hooks/useVisits';
import { canRecordDecisions } from '../../logic/nav';
import { RISK_LEVEL_COLORS } from '../../logic/needs';
import { PRINT_DOCUMENTS, printPath } from '../../logic/print';
import {
  CARD_TABS,
  CASE_TABS,
  caseTab,
  readsFamilyRecords,
  type CaseTab,
} from '../../logic/caseTabs';
import { canMoveCase, withNames } from '../../logic/transitions';
import { latestConcern, nextVisit } from '../../logic/visits';
import classes from './CasePage.module.css';
import { AgreementTab } from './AgreementTab';
import { AssessmentsTab } from './AssessmentsTab';
import { ConsentsTab } from './ConsentsTab';
import { DecisionsTab } from './DecisionsTab';
import { HistoryTab } from './HistoryTab';
import { HouseholdTab } from './HouseholdTab';
import { PlanTab } from './PlanTab';
import { ServicesTab } from './ServicesTab';
import { TransitionBar } from './TransitionBar';
import { VisitsTab } from './VisitsTab';
import { QueryState } from '../../components/QueryState';

// Cytoscape and ECharts are large: loaded only when their tab opens.
const EcomapTab = lazy(() => import('./EcomapTab'));
const MapOfChangesTab = lazy(() => import('./MapOfChangesTab'));

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['case', id],
    queryFn: ({ signal }) => fetchCase(id, signal),
  });
  useDocumentTitle(
    t('app.pageTitle', {
      page: query.data ? t('cases.caseNumber', { number: query.data.number }) : t('app.loading'),
    }),
  );

  if (!query.isSuccess) {
    return <QueryState query={query} title={t('common.loadFailed')} centered />;
  }
  return <CaseContent view={query.data} />;
}

function CaseContent({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const role = me?.role ?? '';
  const { nameOf } = useUserNames();
  // A secretary (or anyone who sees the case card only) is not shown the family's records (docs/permissions.md).
  const readsFamily = readsFamilyRecords(role, view.my_relation);
  const household = useQuery({
    queryKey: ['household', view.household_id],
    queryFn: ({ signal }) => fetchHousehold(view.household_id, signal),
    enabled: readsFamily,
  });
  const members = household.data?.members ?? [];
  const people = members.map((m) => ({ id: m.id, name: fullName(m) }));
  const named = {
    ...view,
    next_states: view.next_states.map((n) =>
      n.blocked_by
        ? {
            ...n,
            blocked_by: {
              ...n.blocked_by,
              message: withHumanDates(withNames(n.blocked_by.message, people), i18n.language),
            },
          }
        : n,
    ),
  };
  const visits = useVisits(view.id, readsFamily);
  // SPEC §8: a visit already planned before the schedule's deadline is the next one.
  const next = nextVisit(view.next_visit, visits.data ?? []);
  const overdue = next?.due && !next.planned ? next.due.overdue_days : 0;
  const concern = latestConcern(visits.data ?? []);
  const canWrite = canMoveCase(role, view.my_relation);
  // The open tab is in the URL (?tab=visits): a reload or a shared link opens it again.
  const [search, setSearch] = useSearchParams();
  const tabs = readsFamily ? CASE_TABS : CARD_TABS;
  const tab = caseTab(search.get('tab'), tabs);
  const setTab = (value: string) => {
    const next = new URLSearchParams(search);
    if (value === tabs[0]) {
      next.delete('tab');
    } else {
      next.set('tab', value);
    }
    setSearch(next, { replace: true });
  };
  // Eleven tabs do not fit a phone: a select there; a single scrolling row on wider screens.
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const tabLabel = (value: CaseTab): string => {
    switch (value) {
      case 'consents':
        return `${t('case.tabs.consents')} (${view.consents.length})`;
      case 'decisions':
        return `${t('case.tabs.decisions')} (${view.decisions.length})`;
      case 'agreement':
        return t('agreement.tab');
      default:
        return t(`case.tabs.${value}`);
    }
  };
  const team = view.team.filter((m) => m.role !== 'lead');
  // SPEC §9: the case's lead or a head asks for volunteer proposals (the server checks too).
  const canMatch =
    canWrite &&
    ['head', 'specialist'].includes(role) &&
    !['closed', 'rejected'].includes(view.state);

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Anchor component={Link} to="/cases" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('case.backToList')}
          </Group>
        </Anchor>
        <Group gap="xs">
          {canMatch && (
            <Button
              component={Link}
              to={`/volunteers/match?case=${encodeURIComponent(view.number)}`}
              variant="default"
              size="xs"
              leftSection={<IconArrowsShuffle size={14} aria-hidden />}
            >
              {t('volunteers.findForCase')}
            </Button>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPrinter size={14} aria-hidden />}
              >
                {t('print.menu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {PRINT_DOCUMENTS.map((doc) => (
                <Menu.Item key={doc} component={Link} to={printPath(view.id, doc)}>
                  {t(`print.docs.${doc}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Title order={2}>
                {[view.family_name, household.data?.address ?? view.address]
                  .filter((part) => part)
                  .join(', ') || t('cases.caseNumber', { number: view.number })}
              </Title>
              <Text size="sm" c="dimmed" data-testid="case-number">
                {t('cases.caseNumber', { number: view.number })} ·{' '}
                {t('case.openedOn', { date: formatDate(view.opened_on, i18n.language) })}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              <Badge
                size="lg"
                color={STATE_COLORS[view.state] ?? 'gray'}
                tt="none"
                data-testid="case-state"
              >
                {caseStateLabel(t, view.state)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('case.since', { date: formatDate(view.state_entered_on, i18n.language) })}
              </Text>
            </Stack>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t('case.lead')}
              </Text>
              <Text size="sm">{nameOf(view.lead_id)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.team')}
              </Text>
              <Text size="sm">
                {team.length === 0
                  ? t('case.noTeam')
                  : team
                      .map((m) => `${nameOf(m.user_id)} (${enumLabel(t, 'relations', m.role)})`)
                      .join(', ')}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.intensity')}
              </Text>
              <Text size="sm">
                {view.intensity ? enumLabel(t, 'intensity', view.intensity) : '—'}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.plannedEnd')}
              </Text>
              <Text size="sm">
                {view.planned_end ? formatDate(view.planned_end, i18n.language) : '—'}
              </Text>
            </div>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <div data-testid="case-risk">
              <Text size="xs" c="dimmed">
                {t('case.risk')}
              </Text>
              {view.risk ? (
                <Stack gap={2} align="flex-start">
                  <Badge color={RISK_LEVEL_COLORS[view.risk.level] ?? 'gray'} tt="none">
                    {enumLabel(t, 'riskLevels', view.risk.level)}
                  </Badge>
                  {view.risk.reasons.map((r) => (
                    <Text key={r.key + r.message} size="xs">
                      {withHumanDates(r.message, i18n.language)}
                    </Text>
                  ))}
                </Stack>
              ) : (
                <Text size="sm">{t('case.noRisk')}</Text>
              )}
            </div>
            {next && (
              <div data-testid="case-next-visit">
                <Text size="xs" c="dimmed">
                  {t('case.nextVisit')}
                </Text>
                <Text size="sm" c={!next.planned && overdue > 0 ? 'red' : undefined}>
                  {formatDate(next.on, i18n.language)}
                  {!next.planned && overdue > 0 && ` · ${t('case.overdue', { count: overdue })}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {next.planned
                    ? t('capture.visits.plannedFor', { purpose: next.planned.purpose })
                    : withHumanDates(next.due?.reason.message ?? '', i18n.language)}
                </Text>
                {next.planned && next.due && next.due.due_on !== next.on && (
                  <Text size="xs" c="dimmed">
                    {t('capture.visits.dueBy', {
                      date: formatDate(next.due.due_on, i18n.language),
                    })}
                  </Text>
                )}
                {next.plannedLate && (
                  <Text size="xs" c="orange.9">
                    {t('capture.visits.plannedLate', {
                      date: formatDate(next.plannedLate.planned_on, i18n.language),
                    })}
                  </Text>
                )}
              </div>
            )}
          </SimpleGrid>
        </Stack>
      </Paper>
      {concern && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('capture.visits.caseConcern', {
            date: formatDate(concern.actual_on, i18n.language),
          })}
          data-testid="case-concern"
        >
          <Text size="sm">{concern.child_safety.note}</Text>
        </Alert>
      )}
      {view.warnings.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('case.warnings')}
          data-testid="case-warnings"
        >
          <Stack gap={2}>
            {view.warnings.map((w) => (
              <Text key={w.key} size="sm">
                {withHumanDates(withNames(w.message, people), i18n.language)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {canWrite && <TransitionBar view={named} role={role} />}
      <Tabs
        value={tab}
        onChange={(value) => value && setTab(value)}
        keepMounted={false}
        classNames={{ list: classes.tabList, tab: classes.tab }}
      >
        {isPhone && (
          <NativeSelect
            label={t('caseTabs.section')}
            data={tabs.map((value) => ({ value, label: tabLabel(value) }))}
            value={tab}
            onChange={(e) => setTab(e.currentTarget.value)}
            data-testid="case-tab-select"
          />
        )}
        <Tabs.List
          aria-label={t('caseTabs.section')}
          className={isPhone ? classes.hidden : undefined}
        >
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabel(value)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="household" pt="md">
          <QueryState query={household} size="sm" noRetry />
          {household.data && <HouseholdTab household={household.data} canWrite={canWrite} />}
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="md">
          <ConsentsTab view={view} members={members} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md">
          <DecisionsTab view={view} canRecord={canRecordDecisions(role)} />
        </Tabs.Panel>
        <Tabs.Panel value="agreement" pt="md">
          <AgreementTab
            view={view}
            canWrite={canWrite}
            signatories={members
              .filter((m) => m.household_role !== 'child')
              .map((m) => fullName(m))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="assessments" pt="md">
          <AssessmentsTab
            caseId={view.id}
            canWrite={canWrite}
            childNames={members
              .filter((m) => m.household_role === 'child')
              .map((m) => ({ id: m.id, name: fullName(m) }))}
            members={members.map((m) => ({
              id: m.id,
              name: fullName(m),
              birth_date: m.birth_date,
              household_role: m.household_role,
            }))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="ecomap" pt="md">
          <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
            <EcomapTab caseId={view.id} canWrite={canWrite} people={people} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="md">
          <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
            <MapOfChangesTab caseId={view.id} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <PlanTab caseId={view.id} canWrite={canWrite} canApprove={role === 'head'} />
        </Tabs.Panel>
        <Tabs.Panel value="visits" pt="md">
          <VisitsTab caseId={view.id} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <ServicesTab caseId={view.id} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab history={view.history} signals={view.signals} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
