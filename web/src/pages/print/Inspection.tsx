import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchAssessments } from '../../api/assessments';
import { type CaseView } from '../../api/cases';
import { formatDate } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { formatDecimal } from '../../logic/numbers';
import { Loading, Row, Signatures } from './parts';

export function InspectionBody({ view }: { view: CaseView }) {
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
