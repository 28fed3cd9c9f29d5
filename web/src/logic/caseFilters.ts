import type { CaseRecord } from '../api/cases';
import { CASE_STATES } from '../api/cases';

/**
 * The filters of the cases list that it applies itself. They live in the URL
 * (a report's number links here with them, a reload keeps them); `q` is the
 * free-text search and `sort` the order, both read apart.
 */
export const CASE_FILTER_KEYS = ['state', 'lead', 'unit', 'risk', 'category', 'intensity'] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];

/** Orders of the list; the first is the default. */
export const CASE_SORTS = [
  'urgent',
  'opened_desc',
  'opened_asc',
  'planned_end',
  'address',
  'lead',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Query keys that are neither filters nor unknown. */
const OWN_KEYS = ['q', 'sort'];

export interface CaseFilters {
  applied: Partial<Record<CaseFilterKey, string>>;
  /** Filters in the URL the list cannot apply (from a newer report): shown, not silently dropped. */
  unknown: [string, string][];
  q: string;
  sort: CaseSort;
}

function isCaseFilterKey(key: string): key is CaseFilterKey {
  return (CASE_FILTER_KEYS as readonly string[]).includes(key);
}

function isCaseSort(value: string): value is CaseSort {
  return (CASE_SORTS as readonly string[]).includes(value);
}

/** Reads the list's filters from its URL query; empty values are no filter. */
export function readCaseFilters(search: URLSearchParams): CaseFilters {
  const result: CaseFilters = { applied: {}, unknown: [], q: '', sort: CASE_SORTS[0] };
  for (const [key, value] of search) {
    if (value === '') {
      continue;
    }
    if (key === 'q') {
      result.q = value;
    } else if (key === 'sort') {
      if (isCaseSort(value)) {
        result.sort = value;
      }
    } else if (isCaseFilterKey(key)) {
      result.applied[key] = value;
    } else if (!OWN_KEYS.includes(key)) {
      result.unknown.push([key, value]);
    }
  }
  return result;
}

/** The query after setting `key` to `value` (empty: removed); the rest kept. */
export function withFilter(search: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value === '') {
    next.delete(key);
  } else {
    next.set(key, value);
  }
  return next;
}

/** Which optional fields the server's list carries (older servers send neither). */
export interface CaseListFields {
  risk: boolean;
  category: boolean;
}

export function listFields(cases: CaseRecord[]): CaseListFields {
  return {
    risk: cases.some((c) => 'risk_level' in c),
    category: cases.some((c) => Array.isArray(c.categories)),
  };
}

/** Lower case without "ё" and extra spaces: "Семёнова " finds "семенова". */
export function searchKey(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

function matchesText(c: CaseRecord, q: string): boolean {
  if (q === '') {
    return true;
  }
  const haystack = searchKey(
    [c.family_name, c.address ?? '', c.lead_name ?? '', c.number, c.id].join(' '),
  );
  return searchKey(q)
    .split(' ')
    .every((word) => haystack.includes(word));
}

/**
 * The cases that match every applied filter and the search. `subtree` gives
 * the units under a unit (itself included), so that a centre's filter shows
 * its departments' cases too.
 */
export function filterCases(
  cases: CaseRecord[],
  filters: CaseFilters,
  subtree: (unitId: string) => Set<string> = (id) => new Set([id]),
): CaseRecord[] {
  const { state, lead, intensity, unit, risk, category } = filters.applied;
  const units = unit === undefined ? null : subtree(unit);
  return cases.filter(
    (c) =>
      (state === undefined || c.state === state) &&
      (lead === undefined || (lead === 'none' ? !c.lead_id : c.lead_id === lead)) &&
      (intensity === undefined || (c.intensity ?? 'standard') === intensity) &&
      (units === null || units.has(c.unit_id)) &&
      (risk === undefined || (c.risk_level ?? 'none') === risk) &&
      (category === undefined || (c.categories ?? []).includes(category)) &&
      matchesText(c, filters.q),
  );
}

const RISK_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATE_ORDER = new Map<string, number>(CASE_STATES.map((s, i) => [s, i]));

/** A stable copy of `cases` in the order `sort`. */
export function sortCases(cases: CaseRecord[], sort: CaseSort): CaseRecord[] {
  const text = (a: string | null | undefined, b: string | null | undefined) =>
    (a ?? '').localeCompare(b ?? '', 'ru');
  const byOpenedDesc = (a: CaseRecord, b: CaseRecord) => text(b.opened_on, a.opened_on);
  const compare: Record<CaseSort, (a: CaseRecord, b: CaseRecord) => number> = {
    // Higher risk first, then the earlier state of the cycle (new signals), then the newest.
    urgent: (a, b) =>
      (RISK_ORDER[a.risk_level ?? ''] ?? 9) - (RISK_ORDER[b.risk_level ?? ''] ?? 9) ||
      (STATE_ORDER.get(a.state) ?? 99) - (STATE_ORDER.get(b.state) ?? 99) ||
      byOpenedDesc(a, b),
    opened_desc: byOpenedDesc,
    opened_asc: (a, b) => text(a.opened_on, b.opened_on),
    // Cases without a planned end go last.
    planned_end: (a, b) =>
      (a.planned_end ? 0 : 1) - (b.planned_end ? 0 : 1) || text(a.planned_end, b.planned_end),
    address: (a, b) => text(a.family_name || a.address, b.family_name || b.address),
    lead: (a, b) => (a.lead_name ? 0 : 1) - (b.lead_name ? 0 : 1) || text(a.lead_name, b.lead_name),
  };
  return cases
    .map((c, i) => ({ c, i }))
    .sort((x, y) => compare[sort](x.c, y.c) || x.i - y.i)
    .map((x) => x.c);
}
