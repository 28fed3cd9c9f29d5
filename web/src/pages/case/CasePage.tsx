import { Loader, NativeSelect, Stack, Tabs } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchCase, type CaseView } from '../../api/cases';
import { fullName } from '../../api/households';
import { useHousehold } from '../../hooks/useHousehold';
import { useMe } from '../../auth/session';
import { canRecordDecisions } from '../../logic/nav';
import {
  CARD_TABS,
  CASE_TABS,
  caseTab,
  readsFamilyRecords,
  type CaseTab,
} from '../../logic/caseTabs';
import { canMoveCase } from '../../logic/transitions';
import classes from './CasePage.module.css';
import { AgreementTab } from './AgreementTab';
import { AssessmentsTab } from './AssessmentsTab';
import { ConsentsTab } from './ConsentsTab';
import { DecisionsTab } from './DecisionsTab';
import { HistoryTab } from './HistoryTab';
import { HouseholdTab } from './HouseholdTab';
import { PlanTab } from './PlanTab';
import { ServicesTab } from './ServicesTab';
import { VisitsTab } from './VisitsTab';
import { CaseHeader } from './CaseHeader';
import { useQuietSearchParam } from '../../hooks/useQuietSearchParam';
import { useNarrowWidth } from '../../hooks/useScreen';
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
  const { t } = useTranslation();
  const me = useMe().data;
  const role = me?.role ?? '';
  // A secretary (or anyone who sees the case card only) is not shown the family's records (docs/permissions.md).
  const readsFamily = readsFamilyRecords(role, view.my_relation);
  const household = useHousehold(view.household_id, readsFamily);
  const members = household.data?.members ?? [];
  const people = members.map((m) => ({ id: m.id, name: fullName(m) }));
  const canWrite = canMoveCase(role, view.my_relation);
  // The open tab is in the URL (?tab=visits): a reload or a shared link opens it again.
  const [tabParam, setTabParam] = useQuietSearchParam('tab');
  const tabs = readsFamily ? CASE_TABS : CARD_TABS;
  const tab = caseTab(tabParam, tabs);
  const setTab = (value: string) => setTabParam(value === tabs[0] ? null : value);
  // Eleven tabs do not fit a phone: a select there; a single scrolling row on wider screens.
  const isPhone = useNarrowWidth();
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

  return (
    <Stack gap="md" maw={1100}>
      <CaseHeader view={view} role={role} readsFamily={readsFamily} canWrite={canWrite} />
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
