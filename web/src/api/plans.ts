import { apiRequest } from './client';

export interface PlanGoal {
  id: string;
  text: string;
  domain: string;
}

export interface PlanMeasure {
  id: string;
  goal_id: string;
  patronage_type: string;
  what: string;
  responsible_kind: string;
  responsible_ref: string;
  due_on: string;
  status: string;
  result: string;
}

export interface Plan {
  id: string;
  case_id: string;
  number: number;
  current: boolean;
  period_from: string;
  period_to: string;
  review_on: string | null;
  term: string;
  goals: PlanGoal[];
  measures: PlanMeasure[];
  approved: boolean;
  approved_at: string | null;
  approved_by: string | null;
  version: number;
}

export interface PlanInput {
  period_from: string;
  period_to: string;
  term: string;
  goals: PlanGoal[];
  measures: Omit<PlanMeasure, 'id' | 'status' | 'result'>[];
}

export async function fetchPlans(caseId: string, signal?: AbortSignal): Promise<Plan[]> {
  const body = await apiRequest<{ items: Plan[] }>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/plans`,
    { signal },
  );
  return body.items;
}

export function createPlan(caseId: string, input: PlanInput): Promise<Plan> {
  return apiRequest<Plan>(`/api/v1/cases/${encodeURIComponent(caseId)}/plans`, {
    method: 'POST',
    body: input,
  });
}

export function approvePlan(planId: string): Promise<Plan> {
  return apiRequest<Plan>(`/api/v1/plans/${encodeURIComponent(planId)}/approve`, {
    method: 'POST',
    body: {},
  });
}

export function updateMeasure(
  planId: string,
  measureId: string,
  input: { version: number; status?: string; result?: string },
): Promise<Plan> {
  return apiRequest<Plan>(
    `/api/v1/plans/${encodeURIComponent(planId)}/measures/${encodeURIComponent(measureId)}`,
    { method: 'PATCH', body: input },
  );
}
