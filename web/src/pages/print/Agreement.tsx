import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAgreements } from '../../api/agreements';
import { type CaseView } from '../../api/cases';
import { formatDate } from '../../components/labels';
import { Loading, Signatures } from './parts';

export function AgreementBody({ view }: { view: CaseView }) {
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
