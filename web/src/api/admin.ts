import { apiRequest } from './client';

export interface UserAccount {
  id: string;
  login: string;
  full_name: string;
  role: string;
  unit_id: string;
  unit_name: string;
  disabled: boolean;
  created_at: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
}

export const UNIT_KINDS = ['region', 'institution', 'department'] as const;

/** The users this user may see (everyone in the subtree for admins and heads; oneself otherwise). */
export async function listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  const body = await apiRequest<{ items: UserAccount[] }>('/api/v1/users', { signal });
  return body.items;
}

export interface NewUser {
  login: string;
  full_name: string;
  role: string;
  unit_id: string;
  password: string;
}

export function createUser(input: NewUser): Promise<UserAccount> {
  return apiRequest<UserAccount>('/api/v1/users', { method: 'POST', body: input });
}

export function setUserDisabled(id: string, disabled: boolean): Promise<void> {
  const action = disabled ? 'disable' : 'enable';
  return apiRequest<void>(`/api/v1/users/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
  });
}

export async function listUnits(signal?: AbortSignal): Promise<Unit[]> {
  const body = await apiRequest<{ items: Unit[] }>('/api/v1/units', { signal });
  return body.items;
}

export interface NewUnit {
  name: string;
  kind: string;
  parent_id?: string;
}

export function createUnit(input: NewUnit): Promise<Unit> {
  return apiRequest<Unit>('/api/v1/units', { method: 'POST', body: input });
}
