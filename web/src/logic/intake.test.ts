import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../api/search';
import { EMPTY_PERSON } from './forms';
import { namesakes, nameSearchText } from './intake';

const result = (id: string, kind: 'person' | 'household' = 'person'): SearchResult => ({
  kind,
  household_id: 'h',
  person_id: kind === 'person' ? id : null,
  case_id: 'c',
  case_number: '2026-0001',
  case_state: 'active',
  display_name: 'Смирнова Татьяна Викторовна',
  birth_date: '1988-04-17',
  address: 'ул. Ленина, 12',
  matched_field: 'name',
});

describe('intake name search (issue 13, point 4)', () => {
  it('asks the quick search for a plain surname, which the duplicate scorer cannot match', () => {
    expect(nameSearchText({ ...EMPTY_PERSON, last_name: ' Смирнова ' })).toBe('Смирнова');
    expect(nameSearchText({ ...EMPTY_PERSON, last_name: 'Смирнова', first_name: 'Татьяна' })).toBe(
      'Смирнова Татьяна',
    );
  });

  it('leaves a person with a birth date to the duplicate scorer, and needs two letters', () => {
    expect(
      nameSearchText({ ...EMPTY_PERSON, last_name: 'Смирнова', birth_date: '1988-04-17' }),
    ).toBeNull();
    expect(nameSearchText({ ...EMPTY_PERSON, last_name: 'С' })).toBeNull();
  });

  it('shows each person once: not again when the duplicate list already has them', () => {
    const dup = {
      person_id: 'p1',
      household_id: 'h',
      score: 0.9,
      reasons: [],
      name: '',
      birth_date: null,
    };
    expect(
      namesakes([result('p1'), result('p2'), result('h', 'household')], [dup]).map(
        (r) => r.person_id,
      ),
    ).toEqual(['p2']);
  });
});
