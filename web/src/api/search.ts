import { apiRequest } from './client';

/** One household or person found by the quick search (GET /api/v1/search). */
export interface SearchResult {
  kind: 'person' | 'household';
  household_id: string;
  person_id: string | null;
  case_id: string | null;
  /** The case's short number ("2026-0042"), with case_id. */
  case_number: string | null;
  case_state: string | null;
  display_name: string;
  birth_date: string | null;
  address: string;
  matched_field: 'name' | 'birth_date' | 'address' | 'case_number';
}

/** The server refuses a query without a word of two letters or a date (search.query_too_short). */
export const SEARCH_MIN_CHARS = 2;

/** True when `text` is worth sending: a word of two letters or digits (dates included). */
export function searchable(text: string): boolean {
  return text.split(/[\s.,;]+/).some((word) => [...word].length >= SEARCH_MIN_CHARS);
}

export async function search(q: string, limit = 10, signal?: AbortSignal): Promise<SearchResult[]> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  const body = await apiRequest<{ items: SearchResult[] }>(`/api/v1/search?${params.toString()}`, {
    signal,
  });
  return body.items;
}

/** Where a result leads: its case when it has one, else its household. */
export function searchResultLink(result: SearchResult): string {
  return result.case_id
    ? `/cases/${encodeURIComponent(result.case_id)}`
    : `/households/${encodeURIComponent(result.household_id)}`;
}
