import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../api/cases';
import { filterCases, readCaseFilters } from './caseFilters';

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
