import { apiRequest, isApiError } from './client';

// Provisional: GET /api/v1/worklist is not implemented by the server yet.
// Until it is, a 404 means "nothing to show", so the page stays honest.
export interface WorkItem {
  id: string;
  kind: string;
  title: string;
  due_date?: string;
}

export interface WorkList {
  items: WorkItem[];
}

export async function fetchWorkList(signal?: AbortSignal): Promise<WorkList> {
  try {
    const list = await apiRequest<Partial<WorkList> | undefined>('/api/v1/worklist', { signal });
    return { items: Array.isArray(list?.items) ? list.items : [] };
  } catch (error) {
    if (isApiError(error) && error.status === 404) {
      return { items: [] };
    }
    throw error;
  }
}
