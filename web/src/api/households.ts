import { apiRequest } from './client';

export const HOUSEHOLD_ROLES = [
  'mother',
  'father',
  'child',
  'grandparent',
  'guardian',
  'other',
] as const;
export const SEXES = ['female', 'male'] as const;

export interface Sensitive {
  health: string;
  addiction: string;
  violence: string;
  police_registration: string;
}

export interface Person {
  id: string;
  household_id: string;
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string | null;
  sex: string;
  household_role: string;
  represents: string[];
  disability: boolean;
  pregnant: boolean;
  pregnancy_due: string | null;
  school: string;
  employment: string;
  phone: string;
  version: number;
  /** Present only for roles allowed to see health, addiction, violence and police fields. */
  sensitive?: Sensitive;
}

export interface Household {
  id: string;
  unit_id: string;
  address: string;
  phone: string;
  categories: string[];
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
  members: Person[];
}

export function fetchHousehold(id: string, signal?: AbortSignal): Promise<Household> {
  return apiRequest<Household>(`/api/v1/households/${encodeURIComponent(id)}`, { signal });
}

export interface HouseholdInput {
  address: string;
  phone?: string;
  categories?: string[];
  notes?: string;
}

export function createHousehold(input: HouseholdInput): Promise<Household> {
  return apiRequest<Household>('/api/v1/households', { method: 'POST', body: input });
}

export interface PersonInput {
  last_name: string;
  first_name: string;
  patronymic?: string;
  birth_date?: string;
  sex: string;
  household_role: string;
  /** The persons (ids) this one legally represents: a parent their minor children. */
  represents?: string[];
  phone?: string;
  school?: string;
  employment?: string;
  disability?: boolean;
  pregnant?: boolean;
  pregnancy_due?: string;
}

export function addPerson(householdId: string, input: PersonInput): Promise<Person> {
  return apiRequest<Person>(`/api/v1/households/${encodeURIComponent(householdId)}/persons`, {
    method: 'POST',
    body: input,
  });
}

/** PATCH /persons/{id}: the fields given change; `version` guards against a lost update. */
export function updatePerson(
  id: string,
  input: PersonInput & { version: number },
): Promise<Person> {
  return apiRequest<Person>(`/api/v1/persons/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: input,
  });
}

/** PATCH /households/{id}. */
export function updateHousehold(
  id: string,
  input: HouseholdInput & { version: number },
): Promise<Household> {
  return apiRequest<Household>(`/api/v1/households/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: input,
  });
}

export interface PersonQuery {
  last_name?: string;
  first_name?: string;
  patronymic?: string;
  birth_date?: string;
  address?: string;
}

/** A probable match for a person being entered. */
export interface PersonDuplicate {
  person_id: string;
  household_id: string;
  score: number;
  reasons: string[];
  name: string;
  birth_date: string | null;
}

export async function searchPersonDuplicates(
  query: PersonQuery,
  signal?: AbortSignal,
): Promise<PersonDuplicate[]> {
  const body = await apiRequest<{ items: PersonDuplicate[] }>('/api/v1/duplicates/persons', {
    method: 'POST',
    body: query,
    signal,
  });
  return body.items;
}

export function fullName(p: Pick<Person, 'last_name' | 'first_name' | 'patronymic'>): string {
  return [p.last_name, p.first_name, p.patronymic].filter((part) => part !== '').join(' ');
}
