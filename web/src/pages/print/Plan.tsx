import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { fetchPlans } from '../../api/plans';
import { enumLabel, formatDate, formatDateTime } from '../../components/labels';
import { useResponsibleDirectory } from '../../hooks/useResponsible';
import { useUserNames } from '../../hooks/useUsers';
import { responsibleText } from '../../logic/plans';
import { Loading, Signatures } from './parts';

export function PlanBody({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const { names } = useResponsibleDirectory();
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
                        m.responsible_kind,
                        m.responsible_ref,
                        names,
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
