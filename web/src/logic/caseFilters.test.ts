import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../api/cases';
import { filterCases, listFields, readCaseFilters, sortCases } from './caseFilters';

function record(
  id: string,
  state: string,
  lead: string | null,
  intensity: string | null,
): CaseRecord {
  return {
    id,
    number: `2026-${id}`,
    family_name: '',
    unit_id: 'u1',
    household_id: `h${id}`,
    signal_id: null,
    state,
    state_entered_on: '2026-01-01',
    opened_on: '2026-01-01',
    intensity,
    planned_end: null,
    lead_id: lead,
    previous_case_id: null,
    version: 1,
  };
}

const cases = [
  record('1', 'active', 'ivanova', 'intensive'),
  record('2', 'active', 'petrova', null),
  record('3', 'closing', 'ivanova', 'standard'),
];

describe('cases list filters from the URL', () => {
  it('reads known filters and keeps the others apart', () => {
    expect(readCaseFilters(new URLSearchParams('state=active&partner=p1&lead='))).toEqual({
      applied: { state: 'active' },
      unknown: [['partner', 'p1']],
      q: '',
      sort: 'urgent',
    });
  });

  it('applies state, lead and intensity (none means standard)', () => {
    const ids = (search: string) =>
      filterCases(cases, readCaseFilters(new URLSearchParams(search))).map((c) => c.id);
    expect(ids('')).toEqual(['1', '2', '3']);
    expect(ids('state=active')).toEqual(['1', '2']);
    expect(ids('state=active&lead=ivanova')).toEqual(['1']);
    expect(ids('intensity=standard')).toEqual(['2', '3']);
    expect(ids('state=closed')).toEqual([]);
  });
});

// Issue 13 point 10: search, filters (state, risk, lead, unit, category) and sort.
describe('cases list search, filters and order', () => {
  const list: CaseRecord[] = [
    {
      ...record('a', 'active', 'ivanova', 'intensive'),
      address: 'г. Энск, ул. Ленина, д. 12',
      lead_name: 'Иванова Анна Сергеевна',
      family_name: 'Смирновы',
      risk_level: 'high',
      categories: ['large_family'],
      opened_on: '2026-03-01',
      planned_end: '2026-09-01',
    },
    {
      ...record('b', 'signal', null, null),
      unit_id: 'u2',
      address: 'г. Энск, пр-т Мира, д. 5',
      family_name: 'Семёновы',
      risk_level: null,
      categories: [],
      opened_on: '2026-05-01',
    },
    {
      ...record('c', 'assessment', 'petrov', 'standard'),
      address: 'г. Энск, ул. Заречная, д. 14',
      lead_name: 'Петров Дмитрий Олегович',
      risk_level: 'critical',
      categories: ['low_income', 'large_family'],
      opened_on: '2026-01-15',
      planned_end: '2026-07-01',
    },
  ];
  const ids = (search: string, subtree?: (id: string) => Set<string>) =>
    sortCases(
      filterCases(list, readCaseFilters(new URLSearchParams(search)), subtree),
      readCaseFilters(new URLSearchParams(search)).sort,
    ).map((c) => c.id);

  it('finds by surname (ё as е), address, lead or number, word by word', () => {
    expect(ids('q=семенов')).toEqual(['b']);
    expect(ids('q=Ленина 12')).toEqual(['a']);
    expect(ids('q=петров')).toEqual(['c']);
    expect(ids('q=Энск')).toHaveLength(3);
    expect(ids('q=Кузьмин')).toEqual([]);
  });

  it('filters by risk, category, unit subtree and a case without a lead', () => {
    expect(ids('risk=critical')).toEqual(['c']);
    expect(ids('risk=none')).toEqual(['b']);
    expect(ids('category=large_family&sort=opened_asc')).toEqual(['c', 'a']);
    expect(ids('unit=u2')).toEqual(['b']);
    expect(ids('unit=u1', () => new Set(['u1', 'u2']))).toHaveLength(3);
    expect(ids('lead=none')).toEqual(['b']);
  });

  it('sorts: risk first by default, or by date, planned end, family, lead', () => {
    expect(ids('')).toEqual(['c', 'a', 'b']);
    expect(ids('sort=opened_desc')).toEqual(['b', 'a', 'c']);
    expect(ids('sort=planned_end')).toEqual(['c', 'a', 'b']);
    // By surname where the list has it, else by address ("г. Энск…" before "Семёновы").
    expect(ids('sort=address')).toEqual(['c', 'b', 'a']);
    expect(ids('sort=lead')).toEqual(['a', 'c', 'b']);
    expect(ids('sort=bogus')).toEqual(['c', 'a', 'b']);
  });

  it('knows whether the server lists risk and categories', () => {
    expect(listFields(list)).toEqual({ risk: true, category: true });
    expect(listFields([record('x', 'active', null, null)])).toEqual({
      risk: false,
      category: false,
    });
  });
});
