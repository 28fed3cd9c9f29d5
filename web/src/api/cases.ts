import { apiRequest } from './client';

export const CASE_STATES = [
  'signal',
  'assessment',
  'awaiting_decision',
  'active',
  'closing',
  'supervision',
  'closed',
  'rejected',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

/** A case as listed (GET /api/v1/cases) and returned by writes. */
export interface CaseRecord {
  id: string;
  /** The short number people use: year and sequence in the unit ("2026-0042"). */
  number: string;
  /** The last name of the household's first member ("" when none). */
  family_name: string;
  unit_id: string;
  household_id: string;
  signal_id: string | null;
  state: string;
  state_entered_on: string;
  opened_on: string;
  intensity: string | null;
  planned_end: string | null;
  lead_id: string | null;
  /** The lead's full name (the list and the case page carry it). */
  lead_name?: string | null;
  /** The household's address; empty in answers to writes. */
  address?: string;
  /** The latest assessed risk level (null: not assessed), when the server lists it. */
  risk_level?: string | null;
  /** The household's categories, when the server lists them. */
  categories?: string[];
  previous_case_id: string | null;
  version: number;
}

export interface CaseSignal {
  id: string;
  received_at: string;
  source: string;
  urgency: string;
  outcome: string | null;
  triaged_at: string | null;
  triaged_by: string | null;
}

export interface CaseMember {
  user_id: string;
  role: string;
  added_at: string;
}

export interface CaseTransition {
  from: string | null;
  to: string;
  at: string;
  user_id: string;
  reason: string;
  override_reason: string;
}

export interface Consent {
  id: string;
  signed_by: string;
  covers: string[];
  scope: string;
  signed_on: string;
  valid_until: string | null;
  withdrawn_on: string | null;
  document_id: string | null;
}

export interface Decision {
  id: string;
  case_id: string;
  body: string;
  meeting_date: string;
  protocol_number: string;
  members_present: string[];
  kind: string;
  patronage_types: string[];
  lead_id: string | null;
  team: string[];
  grounds: string;
  intensity: string | null;
  planned_end: string | null;
  corrects_id: string | null;
  signed: boolean;
  signed_at: string | null;
}

export interface RuleRef {
  rule: string;
  message: string;
}

export interface NextState {
  to: string;
  allowed: boolean;
  blocked_by?: RuleRef;
}

export interface CaseWarning {
  key: string;
  message: string;
}

/** GET /api/v1/cases/{id}: the case with everything its page shows. */
export interface CaseView extends CaseRecord {
  my_relation: string;
  team: CaseMember[];
  history: CaseTransition[];
  /** Signals triaged into the case: the opening one and those attached (outcome `attach`). */
  signals?: CaseSignal[];
  consents: Consent[];
  decisions: Decision[];
  warnings: CaseWarning[];
  next_states: NextState[];
  /** null until the case has a needs assessment. */
  risk?: {
    level: string;
    reasons: { key: string; message: string }[];
    assessed_on?: string;
  } | null;
  next_visit?: {
    due_on: string;
    reason: { key: string; message: string };
    overdue_days: number;
  } | null;
}

export async function listCases(signal?: AbortSignal): Promise<CaseRecord[]> {
  const body = await apiRequest<{ items: CaseRecord[] }>('/api/v1/cases', { signal });
  return body.items;
}

/** The cases with a number as typed ("2026-0042", "2026-42" or "42" of any year). */
export async function findCasesByNumber(
  number: string,
  signal?: AbortSignal,
): Promise<CaseRecord[]> {
  const params = new URLSearchParams({ number: number.trim() });
  const body = await apiRequest<{ items: CaseRecord[] }>(`/api/v1/cases?${params.toString()}`, {
    signal,
  });
  return body.items;
}

/** True when `text` looks like a case number the server accepts. */
export function looksLikeCaseNumber(text: string): boolean {
  return /^\s*(\d{4}-\d{1,9}|\d{1,9})\s*$/.test(text);
}

/** Opens a case (state `signal`) for a household no open case holds. */
export function openCase(householdId: string): Promise<CaseRecord> {
  return apiRequest<CaseRecord>('/api/v1/cases', {
    method: 'POST',
    body: { household_id: householdId },
  });
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseView> {
  return apiRequest<CaseView>(`/api/v1/cases/${encodeURIComponent(id)}`, { signal });
}

export interface TransitionInput {
  to: string;
  reason: string;
  override_reason?: string;
}

export function transitionCase(id: string, input: TransitionInput): Promise<CaseRecord> {
  return apiRequest<CaseRecord>(`/api/v1/cases/${encodeURIComponent(id)}/transitions`, {
    method: 'POST',
    body: input,
  });
}

export interface DocumentInput {
  file_name: string;
  content_type: string;
  content_base64: string;
}

export interface ConsentInput {
  signed_by: string;
  covers: string[];
  scope: string;
  signed_on: string;
  valid_until?: string;
  document?: DocumentInput;
}

export function addConsent(caseId: string, input: ConsentInput): Promise<Consent> {
  return apiRequest<Consent>(`/api/v1/cases/${encodeURIComponent(caseId)}/consents`, {
    method: 'POST',
    body: input,
  });
}

export function withdrawConsent(caseId: string, consentId: string, on: string): Promise<void> {
  return apiRequest<void>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/consents/${encodeURIComponent(consentId)}/withdraw`,
    { method: 'POST', body: { withdrawn_on: on } },
  );
}

export interface DecisionInput {
  body: string;
  meeting_date: string;
  protocol_number: string;
  members_present: string[];
  kind: string;
  patronage_types: string[];
  lead_specialist_id?: string;
  team?: string[];
  grounds: string;
  intensity?: string;
  planned_end?: string;
}

export function recordDecision(caseId: string, input: DecisionInput): Promise<Decision> {
  return apiRequest<Decision>(`/api/v1/cases/${encodeURIComponent(caseId)}/decisions`, {
    method: 'POST',
    body: input,
  });
}

export function signDecision(id: string): Promise<Decision> {
  return apiRequest<Decision>(`/api/v1/decisions/${encodeURIComponent(id)}/sign`, {
    method: 'POST',
  });
}
