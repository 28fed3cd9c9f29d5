import { apiRequest, isApiError } from './client';

/** One thing that needs the user's attention (GET /api/v1/worklist). */
export interface WorkItem {
  kind: string;
  title: string;
  due_on?: string;
  due_at?: string;
  overdue?: boolean;
  /** The server's rank: 0 overdue, 1 emergency signal, 2 critical case, 3 the rest. */
  urgency?: number;
  case_id?: string;
  /** The case's short number ("2026-0042"), with case_id. */
  case_number?: string;
  signal_id?: string;
}

export interface WorkList {
  items: WorkItem[];
}

function isWorkItem(value: unknown): value is WorkItem {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const item = value as Record<string, unknown>;
  return typeof item.kind === 'string' && typeof item.title === 'string';
}

/** Where an item leads: its case, else the signal's triage, else nowhere. */
export function workItemLink(item: WorkItem): string | null {
  if (item.case_id) {
    return `/cases/${encodeURIComponent(item.case_id)}`;
  }
  if (item.signal_id) {
    return `/signals?triage=${encodeURIComponent(item.signal_id)}`;
  }
  return null;
}

/** The work list; a server without the route yet (404) has nothing to show. */
export async function fetchWorkList(signal?: AbortSignal): Promise<WorkList> {
  try {
    const list = await apiRequest<{ items?: unknown } | undefined>('/api/v1/worklist', { signal });
    const items = Array.isArray(list?.items) ? list.items.filter(isWorkItem) : [];
    return { items };
  } catch (error) {
    if (isApiError(error) && error.status === 404) {
      return { items: [] };
    }
    throw error;
  }
}
