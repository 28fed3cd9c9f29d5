import { apiRequest } from './client';

export interface Signatory {
  name: string;
  role?: string;
}

export interface Agreement {
  id: string;
  case_id: string;
  signed_on: string;
  valid_from: string;
  valid_until: string;
  family_duties: string[];
  service_duties: string[];
  family_rights: string[];
  service_rights: string[];
  signatories: Signatory[];
  created_by: string;
  created_at: string;
}

export type AgreementInput = Omit<Agreement, 'id' | 'case_id' | 'created_by' | 'created_at'>;

/** The case's agreements with the family, newest first. */
export async function fetchAgreements(caseId: string, signal?: AbortSignal): Promise<Agreement[]> {
  const body = await apiRequest<{ items: Agreement[] }>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/agreements`,
    { signal },
  );
  return body.items;
}

export function addAgreement(caseId: string, input: AgreementInput): Promise<Agreement> {
  return apiRequest<Agreement>(`/api/v1/cases/${encodeURIComponent(caseId)}/agreements`, {
    method: 'POST',
    body: input,
  });
}
