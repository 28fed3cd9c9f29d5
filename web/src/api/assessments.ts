import { apiRequest } from './client';

export interface RiskReason {
  key: string;
  message: string;
}

export interface RiskView {
  level: string;
  reasons: RiskReason[];
  assessed_on?: string;
}

export interface Assessment {
  id: string;
  case_id: string;
  kind: string;
  date: string;
  author_id: string;
  created_at: string;
  data: Record<string, unknown>;
  sensitive: Record<string, unknown> | null;
  risk?: RiskView;
}

export interface AssessmentInput {
  kind: string;
  date: string;
  data: unknown;
}

export interface MapOfChangesDomain {
  domain: string;
  before: number;
  after: number;
  trend: string;
}

export interface MapOfChanges {
  case_id: string;
  domains: MapOfChangesDomain[];
  total_before: number;
  total_after: number;
  level_before: string;
  level_after: string;
  outcome: string;
  from: { id: string; date: string };
  to: { id: string; date: string };
}

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

export async function fetchAssessments(
  caseId: string,
  signal?: AbortSignal,
): Promise<Assessment[]> {
  const body = await apiRequest<{ items: Assessment[] }>(`${base(caseId)}/assessments`, { signal });
  return body.items;
}

export function addAssessment(caseId: string, input: AssessmentInput): Promise<Assessment> {
  return apiRequest<Assessment>(`${base(caseId)}/assessments`, { method: 'POST', body: input });
}

export function fetchMapOfChanges(caseId: string, signal?: AbortSignal): Promise<MapOfChanges> {
  return apiRequest<MapOfChanges>(`${base(caseId)}/map-of-changes`, { signal });
}
