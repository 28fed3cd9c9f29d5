import { apiRequest } from './client';
import { downloadFile } from './download';

/** One entry of the catalogue (GET /api/v1/reports). */
export interface ReportInfo {
  name: string;
  title: string;
}

/** A cell as the server sends it: text, a number, a date 'YYYY-MM-DD' or empty. */
export type ReportCell = string | number | null;

/** Where a number leads: the list behind it and that list's filters (SPEC §10). */
export interface DrillDescriptor {
  list: string;
  query: Record<string, string>;
}

export interface ReportColumn {
  key: string;
  title: string;
}

/** A table as received; `drill` and cell objects are read by logic/reports.ts. */
export interface RawReportTable {
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: unknown[][];
  drill?: unknown;
  /** The index of the row that totals the others, or null. */
  total_row?: unknown;
  /** `{ kind, values }`: how the table is drawn, or null. */
  chart?: unknown;
}

export interface ReportResult {
  report: string;
  title?: string;
  unit: { id: string; name: string };
  from: string;
  to: string;
  tables: RawReportTable[];
}

export interface ReportParams {
  unit?: string;
  from: string;
  to: string;
}

export type ReportFormat = 'csv' | 'xlsx';

export async function listReports(signal?: AbortSignal): Promise<ReportInfo[]> {
  const body = await apiRequest<{ items?: ReportInfo[]; reports?: ReportInfo[] } | ReportInfo[]>(
    '/api/v1/reports',
    { signal },
  );
  if (Array.isArray(body)) {
    return body;
  }
  return body.items ?? body.reports ?? [];
}

/** The query string of a report request; `format` asks for a file instead of JSON. */
export function reportQuery(params: ReportParams, format?: ReportFormat): string {
  const query = new URLSearchParams();
  if (params.unit) {
    query.set('unit', params.unit);
  }
  query.set('from', params.from);
  query.set('to', params.to);
  if (format) {
    query.set('format', format);
  }
  return query.toString();
}

export function reportPath(name: string, params: ReportParams, format?: ReportFormat): string {
  return `/api/v1/reports/${encodeURIComponent(name)}?${reportQuery(params, format)}`;
}

export function fetchReport(
  name: string,
  params: ReportParams,
  signal?: AbortSignal,
): Promise<ReportResult> {
  return apiRequest<ReportResult>(reportPath(name, params), { signal });
}

/** Downloads a report as CSV or XLSX (see downloadFile). */
export function downloadReport(
  name: string,
  params: ReportParams,
  format: ReportFormat,
): Promise<void> {
  return downloadFile(
    reportPath(name, params, format),
    `${name}_${params.from}_${params.to}.${format}`,
  );
}
