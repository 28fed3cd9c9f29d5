import { describe, expect, it } from 'vitest';
import {
  ageOn,
  EMPTY_MEMBER,
  guessSex,
  memberFromSignal,
  memberPayload,
  validateMember,
} from './members';

describe('members from a signal', () => {
  const today = '2026-12-05';

  it('takes every person: a minor becomes a child, the names are kept', () => {
    const mother = memberFromSignal(
      { last_name: 'Орлова', first_name: 'Вера', patronymic: 'Петровна', birth_date: '1990-03-01' },
      today,
    );
    const son = memberFromSignal(
      { last_name: 'Орлов', first_name: 'Илья', patronymic: '', birth_date: '2016-07-10' },
      today,
    );
    expect(mother).toMatchObject({
      include: true,
      last_name: 'Орлова',
      sex: 'female',
      household_role: '',
    });
    expect(son).toMatchObject({ include: true, sex: 'male', household_role: 'child' });
  });

  it('guesses the sex only when the name tells', () => {
    expect(guessSex({ last_name: 'Ким', patronymic: '' })).toBe('');
    expect(guessSex({ last_name: 'Ким', patronymic: 'Олеговна' })).toBe('female');
    expect(guessSex({ last_name: 'Смирнова', patronymic: '' })).toBe('female');
  });

  it('counts age in whole years', () => {
    expect(ageOn('2008-12-06', today)).toBe(17);
    expect(ageOn('2008-12-05', today)).toBe(18);
  });

  it('requires name, sex and role; sends a pregnancy date only with a pregnancy', () => {
    expect(validateMember(EMPTY_MEMBER, today)).toEqual({
      last_name: 'required',
      first_name: 'required',
      sex: 'required',
      household_role: 'required',
    });
    const body = memberPayload({
      ...EMPTY_MEMBER,
      last_name: ' Орлова ',
      pregnancy_due: '2027-01-01',
    });
    expect(body.last_name).toBe('Орлова');
    expect(body.pregnancy_due).toBeUndefined();
  });
});
