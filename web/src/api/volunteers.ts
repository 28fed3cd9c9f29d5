import { apiRequest } from './client';

export interface Volunteer {
  id: string;
  unit_id: string;
  user_id: string | null;
  last_name: string;
  first_name: string;
  patronymic?: string;
  birth_date: string;
  sex: string;
  phone?: string;
  skills?: string[];
  interests?: string[];
  languages?: string[];
  district?: string;
  /** Comma-separated "day.slot" tokens, e.g. "mon.morning,wed.evening". */
  availability?: string;
  coordinator_id?: string | null;
  status: string;
  status_since?: string;
  next_statuses?: string[];
  version: number;
}

export interface VolunteerCourse {
  id: string;
  code: string;
  name: string;
  hours: number;
  taken_on: string;
  certificate: string;
}

export interface VolunteerView extends Volunteer {
  courses: VolunteerCourse[];
  missing_courses: string[];
  status_history: { from: string | null; to: string; on: string; user_id: string; at: string }[];
  contacts: { id: string; case_id: string; on: string; minutes: number; note: string }[];
  contact_minutes: number;
  current_wards: number;
}

export interface CourseInput {
  code: string;
  name: string;
  hours: number;
  taken_on: string;
  certificate?: string;
}

export interface MatchReason {
  key: string;
  message: string;
  points: number;
}

export interface VolunteerProposal {
  volunteer_id: string;
  name: string;
  score: number;
  reasons: MatchReason[];
}

export interface BatchMatch {
  matches: { case_id: string; case_number: string; volunteer_id: string; score: number }[];
  unassigned_case_ids: string[];
  unassigned_case_numbers: string[];
  total_score: number;
}

/** The volunteers ranked for one ward, and which case it is (the server accepts its number or its id). */
export interface CaseProposals {
  case_id: string;
  case_number: string;
  items: VolunteerProposal[];
}

const path = (id: string) => `/api/v1/volunteers/${encodeURIComponent(id)}`;

export async function listVolunteers(signal?: AbortSignal): Promise<Volunteer[]> {
  const body = await apiRequest<{ items: Volunteer[] }>('/api/v1/volunteers', { signal });
  return body.items;
}

export function fetchVolunteer(id: string, signal?: AbortSignal): Promise<VolunteerView> {
  return apiRequest<VolunteerView>(path(id), { signal });
}

export function addCourse(id: string, input: CourseInput): Promise<VolunteerView> {
  return apiRequest<VolunteerView>(`${path(id)}/courses`, { method: 'POST', body: input });
}

export function changeVolunteerStatus(id: string, to: string): Promise<VolunteerView> {
  return apiRequest<VolunteerView>(`${path(id)}/status`, { method: 'POST', body: { to } });
}

/** `caseRef`: the case's number as people write it ("2026-0042") or its id. */
export function fetchProposals(caseRef: string, signal?: AbortSignal): Promise<CaseProposals> {
  return apiRequest<CaseProposals>(
    `/api/v1/cases/${encodeURIComponent(caseRef)}/volunteer-proposals`,
    { signal },
  );
}

export function assignVolunteer(caseId: string, volunteerId: string): Promise<unknown> {
  return apiRequest<unknown>(`/api/v1/cases/${encodeURIComponent(caseId)}/volunteer`, {
    method: 'POST',
    body: { volunteer_id: volunteerId },
  });
}

/** `caseRefs`: case numbers ("2026-0042") or ids. */
export function proposeBatch(caseRefs: string[]): Promise<BatchMatch> {
  return apiRequest<BatchMatch>('/api/v1/volunteers/assign-batch', {
    method: 'POST',
    body: { case_ids: caseRefs },
  });
}
