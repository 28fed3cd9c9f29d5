import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { useUserNames } from '../../hooks/useUsers';
import { ConflictMapDrawing } from '../../components/ConflictMapDrawing';
import { readConflictMap } from '../../logic/conflictMap';
import { Authored, Loading, Row, Signatures } from './parts';
import { useInstrument } from './data';

export function ConflictMapBody({ view }: { view: CaseView }) {
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
