import { apiRequest } from './client';

/** A colleague whose name the user may see (GET /api/v1/staff). */
export interface StaffMember {
  id: string;
  full_name: string;
  role: string;
  unit_id: string;
  disabled: boolean;
}

export async function listStaff(signal?: AbortSignal): Promise<StaffMember[]> {
  const body = await apiRequest<{ items: StaffMember[] }>('/api/v1/staff', { signal });
  return body.items;
}
