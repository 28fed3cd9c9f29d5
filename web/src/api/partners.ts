import { apiRequest } from './client';

/** An organisation a case may be referred to (GET /api/v1/partners: the user's unit subtree). */
export interface Partner {
  id: string;
  unit_id: string;
  name: string;
  type: string;
}

export async function listPartners(signal?: AbortSignal): Promise<Partner[]> {
  const body = await apiRequest<{ items: Partner[] }>('/api/v1/partners', { signal });
  return body.items;
}
