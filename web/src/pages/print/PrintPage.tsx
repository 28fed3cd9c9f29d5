import type { ReactNode } from 'react';
import { Alert, Button, Group, Loader } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchAgreements } from '../../api/agreements';
import {
  fetchAssessments,
  fetchMapOfChanges,
  type Assessment,
  type MapOfChanges,
} from '../../api/assessments';
import { fetchCase, type CaseView } from '../../api/cases';
import { fetchHousehold, fullName, type Household } from '../../api/households';
import { fetchPlans } from '../../api/plans';
import { fetchDeliveries } from '../../api/services';
import { fetchVisits, type Visit } from '../../api/visits';
import { useMe } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { enumLabel, formatDate, formatDateTime, caseStateLabel } from '../../components/labels';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useUserNames } from '../../hooks/useUsers';
import { isPrintDocument, type PrintDocument } from '../../logic/print';
import { responsibleText } from '../../logic/plans';
import './print.css';
import { formatDecimal } from '../../logic/numbers';
import { ConflictMapDrawing } from '../../components/ConflictMapDrawing';
import { CHILD_FIELDS, latestChildCards, readChildCard } from '../../logic/childCard';
import { readConflictMap } from '../../logic/conflictMap';
import { formatIncome, readFamilyCard } from '../../logic/familyCard';

/** SPEC §10: a document of the case as an A4 sheet (/cases/:id/print/:doc). */
export function PrintPage() {
  const { t } = useTranslation();
  const { id = '', doc = '' } = useParams();
  const kind: PrintDocument | null = isPrintDocument(doc) ? doc : null;
  const caseQuery = useQuery({
    queryKey: ['case', id],
    queryFn: ({ signal }) => fetchCase(id, signal),
  });
  const householdId = caseQuery.data?.household_id;
  const household = useQuery({
    queryKey: ['household', householdId],
    queryFn: ({ signal }) => fetchHousehold(householdId ?? '', signal),
    enabled: householdId !== undefined,
  });
  useDocumentTitle(
    t('app.pageTitle', { page: kind ? t(`print.docs.${kind}`) : t('print.unknown') }),
  );

  let body: ReactNode;
  if (kind === null) {
    body = <Alert color="red">{t('print.unknown')}</Alert>;
  } else if (caseQuery.isError || household.isError) {
    body = <ErrorPanel error={caseQuery.error ?? household.error} title={t('common.loadFailed')} />;
  } else if (!caseQuery.data || !household.data) {
    body = <Loader aria-label={t('app.loading')} />;
  } else {
    body = <Sheet kind={kind} view={caseQuery.data} household={household.data} />;
  }

  return (
    <div className="print-page">
      <Group className="print-toolbar" justify="space-between" wrap="wrap">
        <Button
          component={Link}
          to={`/cases/${id}`}
          variant="default"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
        >
          {t('print.back')}
        </Button>
        <Group gap="sm">
          <LanguageSwitch />
          <Button
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => window.print()}
          >
            {t('print.print')}
          </Button>
        </Group>
      </Group>
      {body}
    </div>
  );
}

function Sheet({
  kind,
  view,
  household,
}: {
  kind: PrintDocument;
  view: CaseView;
  household: Household;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const date = (d: string | null | undefined) => formatDate(d, i18n.language);
  return (
    <article className="print-sheet" data-testid="print-sheet" data-doc={kind}>
      {me?.unit_name && <div className="print-institution">{me.unit_name}</div>}
      <h1>{t(`print.docs.${kind}`)}</h1>
      <div className="print-subtitle">
        {t('print.caseLine', {
          number: view.number,
          opened: date(view.opened_on),
        })}
      </div>
      <table className="print-fields">
        <tbody>
          <Row label={t('print.address')}>{household.address}</Row>
          <Row label={t('print.family')}>
            {household.members
              .map((m) =>
                [
                  fullName(m),
                  enumLabel(t, 'householdRoles', m.household_role).toLocaleLowerCase(i18n.language),
                  m.birth_date ? date(m.birth_date) : '',
                ]
                  .filter(Boolean)
                  .join(', '),
              )
              .join('; ')}
          </Row>
        </tbody>
      </table>
      {kind === 'agreement' && <AgreementBody view={view} />}
      {kind === 'inspection' && <InspectionBody view={view} />}
      {kind === 'family_card' && <FamilyCardBody view={view} household={household} />}
      {kind === 'child_card' && <ChildCardBody view={view} household={household} />}
      {kind === 'conflict_map' && <ConflictMapBody view={view} />}
      {kind === 'plan' && <PlanBody view={view} />}
      {kind === 'visit' && <VisitBody view={view} />}
      {kind === 'changes' && <ChangesBody view={view} />}
      {kind === 'closure' && <ClosureBody view={view} />}
    </article>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children === '' || children === null || children === undefined ? '—' : children}</td>
    </tr>
  );
}

function Loading({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return error ? (
    <ErrorPanel error={error} title={t('common.loadFailed')} />
  ) : (
    <Loader size="sm" aria-label={t('app.loading')} />
  );
}

function Signatures({ names }: { names: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="print-signatures">
      {names.map((name, i) => (
        <div key={`${name}-${i}`} className="print-signature">
          <span>{name}</span>
          <span className="print-line" aria-label={t('print.signature')} />
          <span className="print-date" aria-label={t('print.date')} />
        </div>
      ))}
    </div>
  );
}

function AgreementBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['agreements', view.id],
    queryFn: ({ signal }) => fetchAgreements(view.id, signal),
  });
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  const agreement = query.data[0];
  if (!agreement) {
    return <p>{t('agreement.empty')}</p>;
  }
  const date = (d: string) => formatDate(d, i18n.language);
  const list = (title: string, items: string[]) =>
    items.length > 0 && (
      <>
        <h2>{title}</h2>
        <ol>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      </>
    );
  return (
    <>
      <p>
        {t('print.agreement.terms', {
          signed: date(agreement.signed_on),
          from: date(agreement.valid_from),
          to: date(agreement.valid_until),
        })}
      </p>
      <p>{t('print.agreement.preamble')}</p>
      {list(t('agreement.serviceDuties'), agreement.service_duties)}
      {list(t('agreement.familyDuties'), agreement.family_duties)}
      {list(t('agreement.serviceRights'), agreement.service_rights)}
      {list(t('agreement.familyRights'), agreement.family_rights)}
      <p className="print-muted">{t('print.agreement.noLegalForce')}</p>
      <h2>{t('agreement.signatories')}</h2>
      <Signatures
        names={agreement.signatories.map((s) => (s.role ? `${s.name}, ${s.role}` : s.name))}
      />
    </>
  );
}

function InspectionBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const [params] = useSearchParams();
  const query = useQuery({
    queryKey: ['assessments', view.id],
    queryFn: ({ signal }) => fetchAssessments(view.id, signal),
  });
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  const wanted = params.get('assessment');
  const inspections = query.data
    .filter((a) => a.kind === 'inspection')
    .sort((a, b) => b.date.localeCompare(a.date));
  const inspection = inspections.find((a) => a.id === wanted) ?? inspections[0];
  if (!inspection) {
    return <p>{t('print.inspection.none')}</p>;
  }
  const d = inspection.data;
  const text = (key: string) => {
    const value = d[key];
    if (typeof value === 'number') {
      return formatDecimal(value, i18n.language);
    }
    return value === undefined || value === null ? '' : String(value);
  };
  const utilities = (d.utilities ?? {}) as Record<string, boolean | null | undefined>;
  const yesNo = (v: boolean | null | undefined) =>
    v === true ? t('common.yes') : v === false ? t('common.no') : '—';
  return (
    <>
      <p>
        {t('print.inspection.date', {
          date: formatDate(inspection.date, i18n.language),
          author: nameOf(inspection.author_id),
        })}
      </p>
      <table className="print-fields">
        <tbody>
          <Row label={t('case.assessments.dwellingType')}>{text('dwelling_type')}</Row>
          <Row label={t('print.inspection.ownership')}>{text('ownership')}</Row>
          <Row label={t('case.assessments.rooms')}>{text('rooms')}</Row>
          <Row label={t('case.assessments.area')}>{text('area_m2')}</Row>
          <Row label={t('case.assessments.residents')}>{text('residents')}</Row>
          <Row label={t('print.inspection.utilities')}>
            {(['water', 'heating', 'sewage', 'electricity'] as const)
              .map((u) => `${t(`print.inspection.${u}`)}: ${yesNo(utilities[u])}`)
              .join('; ')}
          </Row>
          <Row label={t('case.assessments.sanitary')}>{text('sanitary_state')}</Row>
          <Row label={t('case.assessments.food')}>{text('food')}</Row>
          <Row label={t('print.inspection.clothing')}>{text('children_clothing')}</Row>
          <Row label={t('print.inspection.sleeping')}>{text('sleeping_places')}</Row>
          <Row label={t('print.inspection.study')}>{text('study_places')}</Row>
          <Row label={t('print.inspection.toys')}>{text('toys_books')}</Row>
          <Row label={t('case.assessments.hazards')}>{text('hazards')}</Row>
        </tbody>
      </table>
      <h2>{t('case.assessments.conclusion')}</h2>
      <p>{text('conclusion') || '—'}</p>
      <Signatures names={[nameOf(inspection.author_id), t('print.familyMember')]} />
    </>
  );
}

/** The case's assessments of `kind`, newest first, and the one the address names (else the newest). */
function useInstrument(view: CaseView, kind: string) {
  const [params] = useSearchParams();
  const query = useQuery({
    queryKey: ['assessments', view.id],
    queryFn: ({ signal }) => fetchAssessments(view.id, signal),
  });
  const all = (query.data ?? [])
    .filter((a) => a.kind === kind)
    .sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at));
  const wanted = params.get('assessment');
  return {
    query,
    all,
    wanted: wanted === null ? null : (all.find((a) => a.id === wanted) ?? null),
    chosen: all.find((a) => a.id === wanted) ?? all[0],
  };
}

function Authored({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  return (
    <p>
      {t('instruments.authored', {
        date: formatDate(assessment.date, i18n.language),
        author: nameOf(assessment.author_id),
      })}
    </p>
  );
}

/** A person of the household by name; one removed since is named as such, never by id. */
function memberName(household: Household, id: string, fallback: string): string {
  const person = household.members.find((m) => m.id === id);
  return person ? fullName(person) : fallback;
}

function FamilyCardBody({ view, household }: { view: CaseView; household: Household }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const { query, chosen } = useInstrument(view, 'family_card');
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  if (!chosen) {
    return <p>{t('print.family_card.none')}</p>;
  }
  const card = readFamilyCard(chosen.data, chosen.sensitive);
  const hidden = (value: string | null) => (value === null ? t('instruments.hidden') : value);
  return (
    <>
      <Authored assessment={chosen} />
      <table className="print-fields">
        <tbody>
          <Row label={t('instruments.family.composition')}>{card.composition}</Row>
        </tbody>
      </table>
      {card.members.map((m) => {
        const person = household.members.find((p) => p.id === m.person_id);
        return (
          <section key={m.person_id} className="print-keep">
            <h2>
              {memberName(household, m.person_id, t('instruments.formerMember'))}
              {person
                ? ` (${enumLabel(t, 'householdRoles', person.household_role).toLocaleLowerCase(i18n.language)})`
                : ''}
            </h2>
            <table className="print-fields">
              <tbody>
                <Row label={t('instruments.family.employment')}>{m.employment}</Row>
                <Row label={t('instruments.family.income')}>
                  {formatIncome(m.income, i18n.language)}
                </Row>
                <Row label={t('instruments.family.education')}>{m.education}</Row>
                <Row label={t('instruments.family.habits')}>{m.habits}</Row>
                <Row label={t('instruments.family.relations')}>{m.relations}</Row>
                <Row label={t('instruments.family.health')}>{hidden(m.health)}</Row>
              </tbody>
            </table>
          </section>
        );
      })}
      <h2>{t('instruments.family.norms')}</h2>
      <p>{card.norms || '—'}</p>
      <h2>{t('instruments.family.strengths')}</h2>
      <p>{card.strengths || '—'}</p>
      <Signatures names={[nameOf(chosen.author_id), t('print.familyMember')]} />
    </>
  );
}

/** One child's card (the address names it) or the newest card of each minor, each on its own page. */
function ChildCardBody({ view, household }: { view: CaseView; household: Household }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const { query, all, wanted } = useInstrument(view, 'child_card');
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  const latest = latestChildCards(all);
  // The household's order; then cards of anyone no longer in it.
  const order = [
    ...household.members.map((m) => m.id).filter((id) => latest.has(id)),
    ...[...latest.keys()].filter((id) => !household.members.some((m) => m.id === id)),
  ];
  const cards = wanted ? [wanted] : order.flatMap((id) => latest.get(id) ?? []);
  if (cards.length === 0) {
    return <p>{t('print.child_card.none')}</p>;
  }
  return (
    <>
      {cards.map((a, i) => {
        const card = readChildCard(a.data, a.sensitive);
        const person = household.members.find((m) => m.id === card.person_id);
        return (
          <section key={a.id} className={i > 0 ? 'print-next-page' : undefined}>
            <h2>
              {memberName(household, card.person_id, t('instruments.formerMember'))}
              {person?.birth_date
                ? `, ${t('print.child_card.born', { date: formatDate(person.birth_date, i18n.language) })}`
                : ''}
            </h2>
            <Authored assessment={a} />
            <table className="print-fields">
              <tbody>
                {CHILD_FIELDS.map((k) => {
                  const value = card[k];
                  return (
                    <Row key={k} label={t(`instruments.child.${k}`)}>
                      {value === null ? t('instruments.hidden') : value}
                    </Row>
                  );
                })}
              </tbody>
            </table>
            <Signatures names={[nameOf(a.author_id), t('print.familyMember')]} />
          </section>
        );
      })}
    </>
  );
}

function ConflictMapBody({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { nameOf } = useUserNames();
  const { query, chosen } = useInstrument(view, 'conflict_map');
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  if (!chosen) {
    return <p>{t('print.conflict_map.none')}</p>;
  }
  const map = readConflictMap(chosen.data);
  return (
    <>
      <Authored assessment={chosen} />
      <table className="print-fields">
        <tbody>
          <Row label={t('instruments.conflict.subject')}>{map.subject}</Row>
          <Row label={t('instruments.conflict.intensity')}>
            {map.intensity === null
              ? ''
              : t(`instruments.conflict.intensities.${map.intensity}` as never)}
          </Row>
        </tbody>
      </table>
      <div className="print-drawing">
        <ConflictMapDrawing map={map} describedBy="print-conflict-parties" />
      </div>
      <p className="print-muted">{t('instruments.conflict.legend')}</p>
      <h2>{t('instruments.conflict.text')}</h2>
      <table id="print-conflict-parties" data-testid="print-conflict-parties">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('instruments.conflict.partyColumn')}</th>
            <th>{t('instruments.conflict.positionColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {map.parties.map((p, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{p.name}</td>
              <td>{p.position || t('instruments.conflict.noPosition')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures names={[nameOf(chosen.author_id)]} />
    </>
  );
}

function PlanBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { users, nameOf } = useUserNames();
  const staffName = (id: string) => users.find((u) => u.id === id)?.full_name;
  const query = useQuery({
    queryKey: ['plans', view.id],
    queryFn: ({ signal }) => fetchPlans(view.id, signal),
  });
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  const plan = query.data.find((p) => p.current);
  if (!plan) {
    return <p>{t('case.plan.empty')}</p>;
  }
  const date = (d: string | null) => formatDate(d, i18n.language);
  return (
    <>
      <p>
        {t('case.plan.title', { number: plan.number })} ·{' '}
        {t('case.plan.period', { from: date(plan.period_from), to: date(plan.period_to) })} ·{' '}
        {enumLabel(t, 'planTerms', plan.term)}
      </p>
      {plan.review_on && <p>{t('print.plan.review', { date: date(plan.review_on) })}</p>}
      <p>
        {plan.approved
          ? t('print.plan.approved', {
              who: nameOf(plan.approved_by),
              date: formatDateTime(plan.approved_at, i18n.language),
            })
          : t('case.plan.notApproved')}
      </p>
      {plan.goals.map((goal, gi) => (
        <section key={goal.id}>
          <h2>
            {t('print.plan.goal', { number: gi + 1, text: goal.text })} (
            {enumLabel(t, 'riskDomains', goal.domain)})
          </h2>
          <table className="print-plan">
            <thead>
              <tr>
                <th>{t('case.plan.what')}</th>
                <th>{t('case.plan.type')}</th>
                <th>{t('case.plan.responsible')}</th>
                <th>{t('case.plan.dueOn')}</th>
                <th>{t('case.plan.status')}</th>
                <th>{t('print.plan.result')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.measures
                .filter((m) => m.goal_id === goal.id)
                .map((m) => (
                  <tr key={m.id}>
                    <td>{m.what}</td>
                    <td>{enumLabel(t, 'patronageTypes', m.patronage_type)}</td>
                    <td>
                      {responsibleText(
                        enumLabel(t, 'responsibleKinds', m.responsible_kind),
                        m.responsible_ref,
                        staffName,
                      )}
                    </td>
                    <td>{date(m.due_on)}</td>
                    <td>{enumLabel(t, 'measureStatuses', m.status)}</td>
                    <td>{m.result}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      <Signatures
        names={[nameOf(view.lead_id), t('print.familyMember'), t('print.plan.headApproves')]}
      />
    </>
  );
}

function pickVisit(visits: Visit[], wanted: string | null): Visit | undefined {
  const byId = visits.find((v) => v.id === wanted);
  if (byId) {
    return byId;
  }
  return [...visits]
    .filter((v) => v.status === 'done')
    .sort((a, b) => (b.actual_on ?? '').localeCompare(a.actual_on ?? ''))[0];
}

function VisitBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const [params] = useSearchParams();
  const query = useQuery({
    queryKey: ['visits', view.id],
    queryFn: ({ signal }) => fetchVisits(view.id, signal),
  });
  if (!query.data) {
    return <Loading error={query.error} />;
  }
  const visit = pickVisit(query.data, params.get('visit'));
  if (!visit) {
    return <p>{t('case.visits.empty')}</p>;
  }
  const date = (d: string | null) => formatDate(d, i18n.language);
  const safety = visit.child_safety;
  return (
    <>
      <table className="print-fields">
        <tbody>
          <Row label={t('case.visits.plannedOn')}>{date(visit.planned_on)}</Row>
          <Row label={t('case.visits.actualOn')}>
            {visit.actual_on ? date(visit.actual_on) : ''}
          </Row>
          <Row label={t('case.visits.kind')}>{enumLabel(t, 'visitKinds', visit.kind)}</Row>
          <Row label={t('print.visit.status')}>
            {enumLabel(t, 'visitStatuses', visit.status)}
            {visit.missed ? ` — ${visit.missed.reason}` : ''}
          </Row>
          <Row label={t('print.visit.participants')}>
            {(visit.participants.length > 0 ? visit.participants : [visit.created_by])
              .map((p) => nameOf(p))
              .join(', ')}
          </Row>
          <Row label={t('case.visits.purpose')}>{visit.purpose}</Row>
          <Row label={t('case.visits.home')}>{visit.observations.home}</Row>
          <Row label={t('print.visit.relations')}>{visit.observations.relations}</Row>
          <Row label={t('print.visit.safety')}>
            {safety.checked ? t('print.visit.safetyChecked') : t('print.visit.safetyNotChecked')}
            {safety.concern ? `; ${t('case.visits.safetyConcern')}` : ''}
            {safety.note ? `; ${safety.note}` : ''}
          </Row>
          <Row label={t('case.visits.actions')}>{visit.actions}</Row>
          <Row label={t('case.visits.nextStep')}>{visit.next_step}</Row>
        </tbody>
      </table>
      <Signatures names={[nameOf(visit.created_by)]} />
    </>
  );
}

function ChangesTable({ changes }: { changes: MapOfChanges }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        {t('case.changes.period', {
          from: formatDate(changes.from.date, i18n.language),
          to: formatDate(changes.to.date, i18n.language),
        })}
      </p>
      <table data-testid="print-changes">
        <thead>
          <tr>
            <th>{t('case.plan.domain')}</th>
            <th>{t('case.changes.before')}</th>
            <th>{t('case.changes.after')}</th>
            <th>{t('print.changes.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.domains.map((d) => (
            <tr key={d.domain}>
              <td>{enumLabel(t, 'riskDomains', d.domain)}</td>
              <td>{d.before}</td>
              <td>{d.after}</td>
              <td>{enumLabel(t, 'trends', d.trend)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('case.changes.total', { before: changes.total_before, after: changes.total_after })}</p>
      <p>
        {t('case.changes.level', {
          before: enumLabel(t, 'riskLevels', changes.level_before),
          after: enumLabel(t, 'riskLevels', changes.level_after),
        })}
      </p>
      <p>
        <strong>
          {t('case.changes.outcome')}: {t(`case.changes.outcomes.${changes.outcome}` as never)}
        </strong>
      </p>
    </>
  );
}

function useChanges(caseId: string) {
  return useQuery({
    queryKey: ['map-of-changes', caseId],
    queryFn: ({ signal }) => fetchMapOfChanges(caseId, signal),
    retry: false,
  });
}

function ChangesBody({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { nameOf } = useUserNames();
  const query = useChanges(view.id);
  if (query.isPending) {
    return <Loading error={null} />;
  }
  if (!query.data) {
    return <p>{t('case.changes.empty')}</p>;
  }
  return (
    <>
      <ChangesTable changes={query.data} />
      <Signatures names={[nameOf(view.lead_id)]} />
    </>
  );
}

function ClosureBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const changes = useChanges(view.id);
  const plans = useQuery({
    queryKey: ['plans', view.id],
    queryFn: ({ signal }) => fetchPlans(view.id, signal),
  });
  const visits = useQuery({
    queryKey: ['visits', view.id],
    queryFn: ({ signal }) => fetchVisits(view.id, signal),
  });
  const deliveries = useQuery({
    queryKey: ['deliveries', view.id],
    queryFn: ({ signal }) => fetchDeliveries(view.id, signal),
  });
  if (!plans.data || !visits.data || !deliveries.data || changes.isPending) {
    return <Loading error={plans.error ?? visits.error ?? deliveries.error} />;
  }
  const date = (d: string | null) => formatDate(d, i18n.language);
  const measures = plans.data.flatMap((p) => (p.current ? p.measures : []));
  const done = measures.filter((m) => m.status === 'done').length;
  const visitsDone = visits.data.filter((v) => v.status === 'done').length;
  const visitsMissed = visits.data.filter((v) => v.status === 'missed').length;
  const decisions = view.decisions.filter((d) => d.signed);
  return (
    <>
      <table className="print-fields">
        <tbody>
          <Row label={t('case.state')}>{caseStateLabel(t, view.state)}</Row>
          <Row label={t('case.lead')}>{nameOf(view.lead_id)}</Row>
          <Row label={t('print.closure.measures')}>
            {t('print.closure.measuresDone', { done, total: measures.length })}
          </Row>
          <Row label={t('print.closure.visits')}>
            {t('print.closure.visitsCount', { done: visitsDone, missed: visitsMissed })}
          </Row>
          <Row label={t('print.closure.services')}>{deliveries.data.length}</Row>
        </tbody>
      </table>
      <h2>{t('case.tabs.decisions')}</h2>
      <table>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id}>
              <td>{enumLabel(t, 'decisionKinds', d.kind)}</td>
              <td>
                {t('case.decisions.protocolNo', {
                  number: d.protocol_number,
                  date: date(d.meeting_date),
                })}
              </td>
              <td>{d.grounds}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('case.tabs.history')}</h2>
      <table>
        <tbody>
          {view.history.map((h, i) => (
            <tr key={`${h.at}-${i}`}>
              <td>{formatDateTime(h.at, i18n.language)}</td>
              <td>
                {h.from
                  ? `${caseStateLabel(t, h.from)} → ${caseStateLabel(t, h.to)}`
                  : `${t('case.history.opened')}: ${caseStateLabel(t, h.to)}`}
              </td>
              {/* The opening transition carries the server's key "case.opened", not a reason. */}
              <td>{h.reason === 'case.opened' ? '' : h.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('print.docs.changes')}</h2>
      {changes.data ? <ChangesTable changes={changes.data} /> : <p>{t('case.changes.empty')}</p>}
      <Signatures names={[nameOf(view.lead_id), t('print.plan.headApproves')]} />
    </>
  );
}
