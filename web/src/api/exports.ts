import { apiRequest } from './client';

/** The lists a head may download (GET /api/v1/exports/{list}, SPEC §11). */
export const EXPORT_LISTS = ['households', 'cases', 'visits', 'services'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Roles the server lets export lists (Action::list_export: heads of the unit's subtree). */
export function canExportLists(role: string): boolean {
  return role === 'head';
}

/** Roles that read the audit log (Action::audit_read). */
export function canReadAudit(role: string): boolean {
  return role === 'admin' || role === 'auditor';
}

export function exportPath(list: ExportList, format: ExportFormat): string {
  return `/api/v1/exports/${list}?format=${format}`;
}

/** One entry of the audit log (GET /api/v1/audit). */
export interface AuditEntry {
  seq: number;
  at: string;
  user_id: string;
  action: string;
  entity: string;
  entity_id: string;
  address: string;
  request_id: string;
  details: string;
  hash: string;
}

/** The audit log's filters; dates are 'YYYY-MM-DD' (the whole day, in UTC). */
export interface AuditFilter {
  user_id?: string;
  entity?: string;
  entity_id?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE = 50;

export function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (filter.user_id) query.set('user_id', filter.user_id);
  if (filter.entity) query.set('entity', filter.entity);
  if (filter.entity_id) query.set('entity_id', filter.entity_id.trim());
  if (filter.from) query.set('from', `${filter.from}T00:00:00Z`);
  if (filter.to) query.set('to', `${filter.to}T23:59:59Z`);
  for (const [key, value] of Object.entries(extra)) {
    query.set(key, value);
  }
  const text = query.toString();
  return text === '' ? '/api/v1/audit' : `/api/v1/audit?${text}`;
}

/** One page of entries, newest first; `before` is the seq to continue below. */
export async function fetchAudit(
  filter: AuditFilter,
  before: number | null,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  const extra: Record<string, string> = { limit: String(AUDIT_PAGE) };
  if (before !== null) {
    extra.before = String(before);
  }
  const body = await apiRequest<{ items: AuditEntry[] }>(auditQuery(filter, extra), { signal });
  return body.items;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  bad_seq: number;
  problem: string;
  mac_from: number;
  anchored: boolean;
}

export function verifyAudit(): Promise<AuditVerification> {
  return apiRequest<AuditVerification>('/api/v1/audit/verify');
}
