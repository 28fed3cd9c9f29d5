import { apiRequest } from './client';

export interface WardContact {
  id: string;
  case_id: string;
  on: string;
  minutes: number;
  what: string;
}

export interface WardMeasure {
  id: string;
  what: string;
  due_on: string;
  status: string;
}

export interface Ward {
  case_id: string;
  state: string;
  address: string;
  phone: string;
  members: { first_name: string; last_name: string }[];
  measures: WardMeasure[];
  contacts: WardContact[];
}

export interface MyWards {
  volunteer_id: string | null;
  items: Ward[];
}

export function fetchMyWards(signal?: AbortSignal): Promise<MyWards> {
  return apiRequest<MyWards>('/api/v1/my/wards', { signal });
}

export interface ContactInput {
  case_id: string;
  on: string;
  minutes: number;
  what: string;
}

export function addContact(volunteerId: string, input: ContactInput): Promise<WardContact> {
  return apiRequest<WardContact>(`/api/v1/volunteers/${encodeURIComponent(volunteerId)}/contacts`, {
    method: 'POST',
    body: input,
  });
}
