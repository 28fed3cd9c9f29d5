import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { fetchPlans } from '../../api/plans';
import { fetchDeliveries } from '../../api/services';
import { fetchVisits } from '../../api/visits';
import { enumLabel, formatDate, formatDateTime, caseStateLabel } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { ChangesTable, Loading, Row, Signatures } from './parts';
import { useChanges } from './data';

export function ClosureBody({ view }: { view: CaseView }) {
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
