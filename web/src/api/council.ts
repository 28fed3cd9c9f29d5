import { apiRequest } from './client';

export const AGENDA_REASONS = [
  'registration',
  'consent_withdrawn',
  'removal',
  'extension_due',
  'supervision_ending',
  'plan_approval',
  'draft_unsigned',
] as const;

export interface AgendaReason {
  reason: (typeof AGENDA_REASONS)[number];
  proposed_kind: string;
}

/** A case awaiting a council decision (GET /api/v1/council/agenda). */
export interface AgendaItem {
  case_id: string;
  household_id: string;
  address: string;
  state: string;
  state_entered_on: string;
  intensity: string | null;
  planned_end: string | null;
  lead_id: string | null;
  lead_name: string | null;
  reasons: AgendaReason[];
}

export interface MeetingDecision {
  id: string;
  case_id: string;
  case_state: string;
  address: string;
  kind: string;
  lead_id: string | null;
  grounds: string;
  signed: boolean;
}

/** Decisions of one sitting: body, date and protocol number (GET /api/v1/council/meetings). */
export interface Meeting {
  body: string;
  meeting_date: string;
  protocol_number: string;
  members_present: string[];
  decisions: MeetingDecision[];
}

export async function fetchAgenda(signal?: AbortSignal): Promise<AgendaItem[]> {
  const body = await apiRequest<{ items: AgendaItem[] }>('/api/v1/council/agenda', { signal });
  return body.items;
}

export async function fetchMeetings(
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<Meeting[]> {
  const params = new URLSearchParams({ from, to });
  const body = await apiRequest<{ items: Meeting[] }>(
    `/api/v1/council/meetings?${params.toString()}`,
    {
      signal,
    },
  );
  return body.items;
}
