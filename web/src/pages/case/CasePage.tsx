import { Loader, NativeSelect, Stack, Tabs } from '@mantine/core';
import {
  lazy,
  memo,
  Suspense,
  type RefObject,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
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
import { KeptSections } from '../../components/KeptSections';

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
  const me = useMe().data;
  const role = me?.role ?? '';
  // A secretary (or anyone who sees the case card only) is not shown the family's records (docs/permissions.md).
  const readsFamily = readsFamilyRecords(role, view.my_relation);
  const household = useHousehold(view.household_id, readsFamily);
  const canWrite = canMoveCase(role, view.my_relation);
  return (
    <Stack gap="md" maw={1100}>
      <CaseHeader view={view} role={role} readsFamily={readsFamily} canWrite={canWrite} />
      <CaseSections
        view={view}
        household={household}
        role={role}
        userId={me?.id}
        readsFamily={readsFamily}
        canWrite={canWrite}
      />
    </Stack>
  );
}

/**
 * The case's sections and their choice. The open one is this component's state, so that a switch draws neither
 * the header nor the page's own queries again (issue 14).
 */
function CaseSections({
  view,
  household,
  role,
  userId,
  readsFamily,
  canWrite,
}: {
  view: CaseView;
  household: ReturnType<typeof useHousehold>;
  role: string;
  userId: string | undefined;
  readsFamily: boolean;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  // The open tab is in the URL (?tab=visits): a reload or a shared link opens it again.
  const [tabParam, setTabParam] = useQuietSearchParam('tab');
  const tabs = readsFamily ? CASE_TABS : CARD_TABS;
  const tab = caseTab(tabParam, tabs);
  const setTab = useCallback(
    (value: string) => setTabParam(value === tabs[0] ? null : value),
    [tabs, setTabParam],
  );
  // Eleven tabs do not fit a phone: a select there; a single scrolling row on wider screens.
  const isPhone = useNarrowWidth();
  const consents = view.consents.length;
  const decisions = view.decisions.length;
  const tabLabel = useCallback(
    (value: CaseTab): string => {
      switch (value) {
        case 'consents':
          return `${t('case.tabs.consents')} (${consents})`;
        case 'decisions':
          return `${t('case.tabs.decisions')} (${decisions})`;
        case 'agreement':
          return t('agreement.tab');
        default:
          return t(`case.tabs.${value}`);
      }
    },
    [t, consents, decisions],
  );
  const sections = useMemo(
    () => tabs.map((value) => ({ value, label: tabLabel(value) })),
    [tabs, tabLabel],
  );
  const [firstTab] = useState(tab);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // A section opened from elsewhere (a link to ?tab=…) shows in the phone's select too.
    if (selectRef.current && selectRef.current.value !== tab) {
      selectRef.current.value = tab;
    }
  }, [tab, isPhone]);
  const section = (
    <KeptSections
      open={tab}
      render={(value) => (
        <CaseSection
          tab={value}
          view={view}
          household={household}
          role={role}
          userId={userId}
          canWrite={canWrite}
        />
      )}
    />
  );

  return isPhone ? (
    <>
      <SectionSelect
        sections={sections}
        initial={firstTab}
        onChange={setTab}
        selectRef={selectRef}
      />
      {/* The select is the phone's tab list: its panel is named by the chosen section. */}
      <div role="tabpanel" aria-label={tabLabel(tab)}>
        {section}
      </div>
    </>
  ) : (
    <Tabs
      value={tab}
      onChange={(value) => value && setTab(value)}
      classNames={{ list: classes.tabList, tab: classes.tab }}
    >
      <Tabs.List aria-label={t('caseTabs.section')}>
        {tabs.map((value) => (
          <Tabs.Tab key={value} value={value}>
            {tabLabel(value)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={tab} pt="md">
        {section}
      </Tabs.Panel>
    </Tabs>
  );
}

/**
 * The phone's section select. Drawn once: the choice lives in the select itself and is written to it when the
 * section changes from elsewhere (a link), so a switch does not draw the Mantine input again (issue 14).
 */
const SectionSelect = memo(function SectionSelect({
  sections,
  initial,
  onChange,
  selectRef,
}: {
  sections: { value: CaseTab; label: string }[];
  initial: CaseTab;
  onChange: (value: string) => void;
  selectRef: RefObject<HTMLSelectElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      ref={selectRef}
      label={t('caseTabs.section')}
      data={sections}
      defaultValue={initial}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid="case-tab-select"
    />
  );
});

/** The content of one section of the case page. */
const CaseSection = memo(function CaseSection({
  tab,
  view,
  household,
  role,
  userId,
  canWrite,
}: {
  tab: CaseTab;
  view: CaseView;
  household: ReturnType<typeof useHousehold>;
  role: string;
  userId: string | undefined;
  canWrite: boolean;
}) {
  const members = household.data?.members ?? [];
  switch (tab) {
    case 'household':
      return (
        <>
          <QueryState query={household} size="sm" noRetry />
          {household.data && <HouseholdTab household={household.data} canWrite={canWrite} />}
        </>
      );
    case 'consents':
      return <ConsentsTab view={view} members={members} canWrite={canWrite} />;
    case 'decisions':
      return <DecisionsTab view={view} canRecord={canRecordDecisions(role)} />;
    case 'agreement':
      return (
        <AgreementTab
          view={view}
          canWrite={canWrite}
          signatories={members.filter((m) => m.household_role !== 'child').map((m) => fullName(m))}
        />
      );
    case 'assessments':
      return (
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
      );
    case 'ecomap':
      return (
        <Suspense fallback={<SectionLoader />}>
          <EcomapTab
            caseId={view.id}
            canWrite={canWrite}
            people={members.map((m) => ({ id: m.id, name: fullName(m) }))}
          />
        </Suspense>
      );
    case 'changes':
      return (
        <Suspense fallback={<SectionLoader />}>
          <MapOfChangesTab caseId={view.id} />
        </Suspense>
      );
    case 'plan':
      return (
        <PlanTab
          caseId={view.id}
          userId={userId}
          unitId={view.unit_id}
          canWrite={canWrite}
          canApprove={role === 'head'}
        />
      );
    case 'visits':
      return <VisitsTab caseId={view.id} userId={userId} canWrite={canWrite} />;
    case 'services':
      return <ServicesTab caseId={view.id} canWrite={canWrite} />;
    case 'history':
      return <HistoryTab history={view.history} signals={view.signals} />;
  }
});

/** A lazily loaded section on its way. */
function SectionLoader() {
  const { t } = useTranslation();
  return <Loader size="sm" aria-label={t('app.loading')} />;
}
