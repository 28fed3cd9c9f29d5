import { useTranslation } from 'react-i18next';
import { type CaseView } from '../../api/cases';
import { type Household } from '../../api/households';
import { formatDate } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { CHILD_FIELDS, latestChildCards, readChildCard } from '../../logic/childCard';
import { Authored, Loading, Row, Signatures } from './parts';
import { memberName, useInstrument } from './data';

/** One child's card (the address names it) or the newest card of each minor, each on its own page. */
export function ChildCardBody({ view, household }: { view: CaseView; household: Household }) {
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
