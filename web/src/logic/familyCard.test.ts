import { describe, expect, it } from 'vitest';
import {
  emptyFamilyCard,
  familyCardPayload,
  formatIncome,
  readFamilyCard,
  validateFamilyCard,
  EMPTY_MEMBER,
} from './familyCard';

const members = [{ id: 'mother' }, { id: 'son' }];
const TODAY = '2026-12-05';

describe('family card (SPEC §5)', () => {
  it('refuses an empty card and a date in the future', () => {
    const errors = validateFamilyCard({ ...emptyFamilyCard('2026-12-06') }, members, TODAY);
    expect(errors).toEqual({ date: 'future', form: 'empty' });
    expect(validateFamilyCard(emptyFamilyCard(''), members, TODAY).date).toBe('required');
  });

  it('reads income with a decimal comma and spaces, and refuses what is not an amount', () => {
    const card = emptyFamilyCard(TODAY);
    const typed = (income: string) =>
      validateFamilyCard(
        { ...card, members: { mother: { ...EMPTY_MEMBER, income } } },
        members,
        TODAY,
      );
    expect(typed('25 000,50')).toEqual({});
    expect(typed('двадцать')).toEqual({ 'members.mother.income': 'notNumber' });
    expect(typed('-5')).toEqual({ 'members.mother.income': 'outOfRange' });
    expect(typed('2000000000')).toEqual({ 'members.mother.income': 'outOfRange' });
  });

  it('counts a text by its UTF-8 bytes, as the server does', () => {
    const card = { ...emptyFamilyCard(TODAY), norms: 'я'.repeat(2001) };
    expect(validateFamilyCard(card, members, TODAY)).toEqual({ norms: 'tooLong' });
    const member = { ...EMPTY_MEMBER, habits: 'я'.repeat(1001) };
    expect(
      validateFamilyCard({ ...emptyFamilyCard(TODAY), members: { son: member } }, members, TODAY),
    ).toEqual({ 'members.son.habits': 'tooLong' });
  });

  it('sends every member of the household, with only what was typed for each', () => {
    const card = {
      ...emptyFamilyCard(TODAY),
      composition: '  Отец живёт отдельно ',
      members: {
        mother: {
          ...EMPTY_MEMBER,
          employment: 'Продавец',
          income: '25 000,5',
          health: 'Гипертония',
        },
      },
    };
    expect(familyCardPayload(card, members)).toEqual({
      composition: 'Отец живёт отдельно',
      members: [
        { person_id: 'mother', employment: 'Продавец', health: 'Гипертония', income: 25000.5 },
        { person_id: 'son' },
      ],
    });
  });

  it('joins each member health from the sensitive part, and marks it hidden when not sent', () => {
    const data = {
      composition: '',
      members: [
        { person_id: 'mother', employment: 'Продавец', income: 25000.5 },
        { person_id: 'son', income: null },
      ],
    };
    const sensitive = { members: [{ person_id: 'mother', health: 'Гипертония' }, {}] };
    const card = readFamilyCard(data, sensitive);
    expect(card.members.map((m) => [m.person_id, m.health, m.income])).toEqual([
      ['mother', 'Гипертония', 25000.5],
      ['son', '', null],
    ]);
    expect(readFamilyCard(data, null).members[0]?.health).toBeNull();
  });

  it('writes income as the language does', () => {
    expect(formatIncome(25000.5, 'ru').replace(/\s/g, ' ')).toBe('25 000,5');
    expect(formatIncome(null, 'ru')).toBe('');
  });
});
