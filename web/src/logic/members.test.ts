import { describe, expect, it } from 'vitest';
import {
  ageOn,
  parentsOfMinors,
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

// The Russian walk: without it a family with children could never become active (SPEC §3).
describe('parents as the legal representatives of minor children', () => {
  const today = '2026-12-05';
  const m = (household_role: string, birth_date: string) => ({ household_role, birth_date });

  it('makes an adult mother or father the representative of every minor child', () => {
    const family = [
      m('mother', '1989-02-14'),
      m('child', '2014-09-03'),
      m('child', '2018-06-21'),
      m('father', '1985-01-01'),
    ];
    expect(parentsOfMinors(family, today)).toEqual(
      new Map([
        [0, [1, 2]],
        [3, [1, 2]],
      ]),
    );
  });

  it('guesses nothing for grown children, a minor parent, a guardian or no children', () => {
    expect(parentsOfMinors([m('mother', '1960-01-01'), m('child', '1990-01-01')], today)).toEqual(
      new Map(),
    );
    expect(parentsOfMinors([m('mother', '2010-01-01'), m('child', '2025-01-01')], today)).toEqual(
      new Map(),
    );
    expect(parentsOfMinors([m('guardian', '1970-01-01'), m('child', '2015-01-01')], today)).toEqual(
      new Map(),
    );
    expect(parentsOfMinors([m('mother', '1989-02-14'), m('child', '')], today)).toEqual(new Map());
  });
});
