import { describe, expect, it } from 'vitest';
import type { Assessment } from '../api/assessments';
import {
  childCardPayload,
  childrenWithoutBirthDate,
  emptyChildCard,
  latestChildCards,
  minorsOf,
  readChildCard,
  validateChildCard,
} from './childCard';

const TODAY = '2026-12-05';
const members = [
  { id: 'mother', name: 'Смирнова Татьяна', birth_date: '1988-04-17', household_role: 'mother' },
  { id: 'son', name: 'Смирнов Артём', birth_date: '2008-12-06', household_role: 'child' },
  { id: 'adult', name: 'Смирнов Олег', birth_date: '2008-12-05', household_role: 'child' },
  { id: 'baby', name: 'Смирнова Ева', birth_date: null, household_role: 'child' },
];

function card(
  id: string,
  person: string,
  date: string,
  created = '2026-12-05T10:00:00Z',
): Assessment {
  return {
    id,
    case_id: 'c',
    kind: 'child_card',
    date,
    author_id: 'u',
    created_at: created,
    data: { person_id: person },
    sensitive: {},
  };
}

describe('child card (SPEC §5: one for each minor)', () => {
  it('offers the minors on the day: under 18, with a birth date', () => {
    expect(minorsOf(members, TODAY).map((m) => m.id)).toEqual(['son']);
    expect(minorsOf(members, '2026-12-04').map((m) => m.id)).toEqual(['son', 'adult']);
    expect(childrenWithoutBirthDate(members).map((m) => m.id)).toEqual(['baby']);
  });

  it('knows the newest card of each child', () => {
    const latest = latestChildCards([
      card('a1', 'son', '2026-10-01'),
      card('a2', 'son', '2026-11-01'),
      card('a3', 'son', '2026-11-01', '2026-11-01T09:00:00Z'),
      { ...card('x', 'son', '2026-12-01'), kind: 'family_card' },
    ]);
    expect(latest.get('son')?.id).toBe('a2');
    expect(latest.has('mother')).toBe(false);
  });

  it('asks for a minor and at least one line', () => {
    const minors = minorsOf(members, TODAY);
    const blank = emptyChildCard(TODAY);
    expect(validateChildCard(blank, '', minors, TODAY)).toEqual({
      person_id: 'required',
      form: 'empty',
    });
    const typed = { ...blank, school: 'Школа № 7' };
    expect(validateChildCard(typed, 'adult', minors, TODAY)).toEqual({ person_id: 'notMinor' });
    expect(validateChildCard(typed, 'son', minors, TODAY)).toEqual({});
  });

  it('sends the child and the lines typed, sensitive ones included (the server keeps them apart)', () => {
    const typed = {
      ...emptyChildCard(TODAY),
      school: ' Школа № 7 ',
      police_registration: 'Не состоит',
    };
    expect(childCardPayload(typed, 'son')).toEqual({
      person_id: 'son',
      school: 'Школа № 7',
      police_registration: 'Не состоит',
    });
  });

  it('reads health and police registration from the sensitive part, null when it is not sent', () => {
    const data = { person_id: 'son', school: 'Школа № 7', attendance: '' };
    expect(readChildCard(data, { health: 'Астма' })).toMatchObject({
      school: 'Школа № 7',
      health: 'Астма',
      police_registration: '',
    });
    expect(readChildCard(data, null)).toMatchObject({ health: null, police_registration: null });
  });
});
