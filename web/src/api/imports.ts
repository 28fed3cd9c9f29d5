import { apiRequest } from './client';

/** A person the matcher found for a row: in the registry (`person_id`) or an earlier file row (`row`). */
export interface ImportMatch {
  person_id: string | null;
  row: number | null;
  score: number;
  reasons: string[];
  name: string;
  birth_date: string | null;
}

export type ImportRowStatus = 'create' | 'update' | 'held' | 'error';

export interface ImportRow {
  row: number;
  status: ImportRowStatus;
  /** The row's person as the file names them ('' for a family row without a member). */
  name: string;
  household_id: string | null;
  person_id: string | null;
  matches: ImportMatch[];
}

/** A problem of one cell: the file row (the header is row 1), the column as headed, the reason. */
export interface ImportIssue {
  row: number;
  column: string;
  value: string;
  key: string;
  message: string;
}

export interface ImportCounts {
  households_created: number;
  households_updated: number;
  persons_created: number;
  persons_updated: number;
  held: number;
  errors: number;
}

/** The answer of POST /api/v1/imports/households (docs/import.md). */
export interface ImportReport {
  applied: boolean;
  batch_id: string | null;
  counts: ImportCounts;
  issues: ImportIssue[];
  rows: ImportRow[];
}

export interface ImportRequest {
  /** The file's bytes in base64. */
  file: string;
  file_name: string;
  unit?: string;
  apply: boolean;
  /** By file row: 'new' or 'same:<person id>'. */
  decisions: Record<string, string>;
}

/** Roles the server lets import a register (Action::household_import: heads of their subtree). */
export function canImport(role: string): boolean {
  return role === 'head';
}

export const IMPORT_TEMPLATE_PATH = '/api/v1/imports/households/template';

export function importHouseholds(input: ImportRequest): Promise<ImportReport> {
  return apiRequest<ImportReport>('/api/v1/imports/households', { method: 'POST', body: input });
}

export interface UndoResult {
  batch_id: string;
  removed: number;
  restored: number;
}

export function undoImport(batchId: string): Promise<UndoResult> {
  return apiRequest<UndoResult>(`/api/v1/imports/${encodeURIComponent(batchId)}/undo`, {
    method: 'POST',
  });
}
