import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { fetchVisits, type Visit } from '../../api/visits';
import { enumLabel, formatDate } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { Loading, Row, Signatures } from './parts';

function pickVisit(visits: Visit[], wanted: string | null): Visit | undefined {
  const byId = visits.find((v) => v.id === wanted);
  if (byId) {
    return byId;
  }
  return [...visits]
    .filter((v) => v.status === 'done')
    .sort((a, b) => (b.actual_on ?? '').localeCompare(a.actual_on ?? ''))[0];
}

export function VisitBody({ view }: { view: CaseView }) {
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
