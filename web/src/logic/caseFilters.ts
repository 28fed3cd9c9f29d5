import type { CaseRecord } from '../api/cases';

/** The filters of the cases list that it applies itself (the URL may carry them from a report). */
export const CASE_FILTER_KEYS = ['state', 'lead', 'intensity'] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];

export interface CaseFilters {
  applied: Partial<Record<CaseFilterKey, string>>;
  /** Filters in the URL the list cannot apply (from a newer report): shown, not silently dropped. */
  unknown: [string, string][];
}

function isCaseFilterKey(key: string): key is CaseFilterKey {
  return (CASE_FILTER_KEYS as readonly string[]).includes(key);
}

/** Reads the list's filters from its URL query; empty values are no filter. */
export function readCaseFilters(search: URLSearchParams): CaseFilters {
  const result: CaseFilters = { applied: {}, unknown: [] };
  for (const [key, value] of search) {
    if (value === '') {
      continue;
    }
    if (isCaseFilterKey(key)) {
      result.applied[key] = value;
    } else {
      result.unknown.push([key, value]);
    }
  }
  return result;
}

/** The cases that match every applied filter. */
export function filterCases(cases: CaseRecord[], filters: CaseFilters): CaseRecord[] {
  const { state, lead, intensity } = filters.applied;
  return cases.filter(
    (c) =>
      (state === undefined || c.state === state) &&
      (lead === undefined || c.lead_id === lead) &&
      (intensity === undefined || (c.intensity ?? 'standard') === intensity),
  );
}
