import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { type Household } from '../../api/households';
import { enumLabel } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { formatIncome, readFamilyCard } from '../../logic/familyCard';
import { Authored, Loading, Row, Signatures } from './parts';
import { memberName, useInstrument } from './data';

export function FamilyCardBody({ view, household }: { view: CaseView; household: Household }) {
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
