import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { useUserNames } from '../../hooks/useUsers';
import { ChangesTable, Loading, Signatures } from './parts';
import { useChanges } from './data';

export function ChangesBody({ view }: { view: CaseView }) {
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
