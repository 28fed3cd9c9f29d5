import { apiRequest } from './client';

export interface Visit {
  id: string;
  case_id: string;
  status: string;
  planned_on: string;
  actual_on: string | null;
  kind: string;
  participants: string[];
  purpose: string;
  observations: {
    home: string;
    children: { person_id: string; note: string }[];
    relations: string;
  };
  child_safety: { checked: boolean; concern: boolean; note: string };
  actions: string;
  next_step: string;
  closing: boolean;
  missed: { reason: string } | null;
  created_by: string;
  created_at: string;
  version: number;
}

export interface VisitInput {
  planned_on: string;
  actual_on?: string;
  kind: string;
  purpose: string;
  observations?: { home?: string; relations?: string };
  child_safety?: { checked: boolean; concern: boolean; note?: string };
  actions?: string;
  next_step?: string;
  missed?: { reason: string };
}

/** PATCH /visits/{id}: what became of a planned visit (made, or missed with a reason). */
export interface VisitOutcomeInput {
  version: number;
  actual_on?: string;
  observations?: { home?: string; relations?: string };
  child_safety?: { checked: boolean; concern: boolean; note?: string };
  actions?: string;
  next_step?: string;
  missed?: { reason: string };
}

export async function fetchVisits(caseId: string, signal?: AbortSignal): Promise<Visit[]> {
  const body = await apiRequest<{ items: Visit[] }>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/visits`,
    { signal },
  );
  return body.items;
}

export function addVisit(caseId: string, input: VisitInput): Promise<Visit> {
  return apiRequest<Visit>(`/api/v1/cases/${encodeURIComponent(caseId)}/visits`, {
    method: 'POST',
    body: input,
  });
}

export function recordVisitOutcome(visitId: string, input: VisitOutcomeInput): Promise<Visit> {
  return apiRequest<Visit>(`/api/v1/visits/${encodeURIComponent(visitId)}`, {
    method: 'PATCH',
    body: input,
  });
}

/** One changed field of a history entry (GET /visits/{id}/history). */
export interface HistoryChange {
  field: string;
  old?: string | null;
  new?: string | null;
  /** A value chosen against when a conflict was resolved: kept so that it is never lost. */
  rejected?: string;
  sensitive?: boolean;
}

export interface HistoryEntry {
  id: string;
  at: string;
  user_id: string;
  changes: HistoryChange[];
}

/** GET /visits/{id}/history: every change of a visit's record, oldest first (docs/offline.md §2). */
export async function fetchVisitHistory(
  visitId: string,
  signal?: AbortSignal,
): Promise<HistoryEntry[]> {
  const body = await apiRequest<{ items: HistoryEntry[] }>(
    `/api/v1/visits/${encodeURIComponent(visitId)}/history`,
    { signal },
  );
  return body.items;
}
