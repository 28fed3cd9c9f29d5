import type { ReactNode } from 'react';
import { Alert, Button, Group, Loader } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchCase, type CaseView } from '../../api/cases';
import { fetchHousehold, fullName, type Household } from '../../api/households';
import { useMe } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { enumLabel, formatDate } from '../../components/labels';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { isPrintDocument, type PrintDocument } from '../../logic/print';
import './print.css';
import { AgreementBody } from './Agreement';
import { ChangesBody } from './Changes';
import { ChildCardBody } from './ChildCard';
import { ClosureBody } from './Closure';
import { ConflictMapBody } from './ConflictMap';
import { FamilyCardBody } from './FamilyCard';
import { InspectionBody } from './Inspection';
import { PlanBody } from './Plan';
import { VisitBody } from './Visit';
import { Row } from './parts';

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
