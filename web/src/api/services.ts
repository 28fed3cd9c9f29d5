import { apiRequest } from './client';

export interface CatalogueService {
  code: string;
  name: string;
  category: string;
  default_unit: string;
  active: boolean;
}

export interface Delivery {
  id: string;
  case_id: string;
  service_code: string;
  delivered_on: string;
  quantity: number;
  unit: string;
  provider: string;
  cost: number | null;
}

export interface DeliveryInput {
  service_code: string;
  delivered_on: string;
  quantity: number;
  provider: string;
}

export async function fetchCatalogue(signal?: AbortSignal): Promise<CatalogueService[]> {
  const body = await apiRequest<{ items: CatalogueService[] }>('/api/v1/catalogue/services', {
    signal,
  });
  return body.items;
}

export async function fetchDeliveries(caseId: string, signal?: AbortSignal): Promise<Delivery[]> {
  const body = await apiRequest<{ items: Delivery[] }>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/services`,
    { signal },
  );
  return body.items;
}

export function addDelivery(caseId: string, input: DeliveryInput): Promise<Delivery> {
  return apiRequest<Delivery>(`/api/v1/cases/${encodeURIComponent(caseId)}/services`, {
    method: 'POST',
    body: input,
  });
}
