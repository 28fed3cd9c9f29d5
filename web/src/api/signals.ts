import { apiRequest } from './client';
import type { PersonDuplicate } from './households';

export const SIGNAL_SOURCES = [
  'school',
  'kindergarten',
  'police_juvenile_unit',
  'clinic',
  'commission_for_minors',
  'guardianship_authority',
  'neighbour',
  'relative',
  'self_referral',
  'hotline',
  'anonymous',
] as const;
export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export const TRIAGE_OUTCOMES = [
  'open_case',
  'attach',
  'consultation_only',
  'forward_to_agency',
  'no_grounds',
] as const;

export interface SignalPerson {
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string | null;
}

export interface Triage {
  outcome: string | null;
  reason: string;
  triaged_at: string;
  triaged_by: string | null;
  case_id: string | null;
  /** Why a parallel case was opened despite an exact match with an open case ("" when none). */
  parallel_reason?: string;
}

export interface Signal {
  id: string;
  unit_id: string;
  received_at: string;
  source: string;
  source_details: string;
  reported: string;
  address: string;
  persons: SignalPerson[];
  urgency: string;
  deadline_at: string;
  household_id: string | null;
  triage: Triage | null;
  created_by: string;
  created_at: string;
}

export interface HouseholdDuplicate {
  household_id: string;
  score: number;
  reasons: string[];
  address: string;
}

/** POST /api/v1/signals and GET /api/v1/signals/{id}: the signal and its probable duplicates. */
export interface SignalView extends Signal {
  duplicates: { persons: PersonDuplicate[][]; households: HouseholdDuplicate[] };
  /** Open cases of families matched exactly (name, birth date, address): attach rather than open another. */
  open_cases?: MatchedCase[];
}

export interface MatchedCase {
  case_id: string;
  number: string;
  state: string;
  household_id: string;
  family_name: string;
}

export interface SignalInput {
  received_at: string;
  source: string;
  source_details?: string;
  reported: string;
  address?: string;
  persons: { last_name: string; first_name: string; patronymic?: string; birth_date?: string }[];
  urgency: string;
  household_id?: string;
}

export function createSignal(input: SignalInput): Promise<SignalView> {
  return apiRequest<SignalView>('/api/v1/signals', { method: 'POST', body: input });
}

export async function listOpenSignals(signal?: AbortSignal): Promise<Signal[]> {
  const body = await apiRequest<{ items: Signal[] }>('/api/v1/signals?open=true', { signal });
  return body.items;
}

export function fetchSignal(id: string, signal?: AbortSignal): Promise<SignalView> {
  return apiRequest<SignalView>(`/api/v1/signals/${encodeURIComponent(id)}`, { signal });
}

export interface TriageInput {
  outcome: string;
  reason: string;
  household_id?: string;
  /** For `attach`: the open case the signal joins. */
  case_id?: string;
  /** Why a parallel case is opened although `open_cases` matched exactly. */
  parallel_reason?: string;
}

export function triageSignal(id: string, input: TriageInput): Promise<Signal> {
  return apiRequest<Signal>(`/api/v1/signals/${encodeURIComponent(id)}/triage`, {
    method: 'POST',
    body: input,
  });
}
