import { apiRequest } from './client';
import { dispositionFileName, saveBlob } from './download';
import { postWithProgress, type UploadStage } from './upload';

/** A person the matcher found for a row: in the registry (`person_id`) or an earlier file row (`row`). */
export interface ImportMatch {
  person_id: string | null;
  row: number | null;
  score: number;
  reasons: string[];
  name: string;
  birth_date: string | null;
}

/** What a side-by-side compares of a person: a file row's cells or the stored person's. */
export interface PersonCells {
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string | null;
  sex: string;
  snils: string | null;
  address: string;
  /** The household's phone. */
  phone: string;
  person_phone: string;
}

/** A row's cells as the file gives them (codes for sex, 11 digits for СНИЛС, '' when empty). */
export interface ImportRowValues extends PersonCells {
  snils: string;
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
  /** On rows with a match and earlier rows a match names: the file's side of a side-by-side. */
  values?: ImportRowValues;
}

/** A stored person beside a held row (GET /api/v1/imports/matches): only persons in the head's reach. */
export interface StoredMatch extends PersonCells {
  person_id: string;
  household_id: string;
  /** 11 digits; null when hidden from the user or not recorded. */
  snils: string | null;
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
  /** Cases the import opens (a check) or opened (a load). */
  cases_opened: number;
  errors: number;
}

/** A family's case the file names: opened by the import, or the family's open case it keeps (`open: false`). */
export interface ImportCase {
  row: number;
  open: boolean;
  household_id: string | null;
  state: string;
  lead: string;
  opened_on: string;
  /** The kept case's number, or the opened one's after a load. */
  number: string | null;
  message: string;
}

/** The answer of POST /api/v1/imports/households (docs/import.md). */
export interface ImportReport {
  applied: boolean;
  batch_id: string | null;
  counts: ImportCounts;
  issues: ImportIssue[];
  rows: ImportRow[];
  cases: ImportCase[];
}

export interface ImportRequest {
  /** The file's bytes in base64. */
  file: string;
  file_name: string;
  unit?: string;
  apply: boolean;
  /** By file row: 'new' or 'same:<person id>'. */
  decisions: Record<string, string>;
  /** The text of a mapping file (TOML, as the command's --mapping). */
  mapping?: string;
}

/** Roles the server lets import a register (Action::household_import: heads of their subtree). */
export function canImport(role: string): boolean {
  return role === 'head';
}

export const IMPORT_TEMPLATE_PATH = '/api/v1/imports/households/template';

/** Checks or loads a register; `onStage` hears the upload's progress, then that the server works. */
export function importHouseholds(
  input: ImportRequest,
  onStage: (stage: UploadStage) => void = () => undefined,
): Promise<ImportReport> {
  return postWithProgress<ImportReport>('/api/v1/imports/households', input, onStage, 'json');
}

/** The dry run's report of the same body as XLSX, saved as a download. */
export async function downloadImportReport(
  input: ImportRequest,
  onStage: (stage: UploadStage) => void = () => undefined,
): Promise<void> {
  const { blob, disposition } = await postWithProgress(
    '/api/v1/imports/households/report',
    { ...input, apply: false },
    onStage,
    'blob',
  );
  saveBlob(blob, dispositionFileName(disposition) ?? 'import-report.xlsx');
}

/** The server answers at most this many persons a call. */
export const MAX_STORED_MATCHES = 50;

/** The stored persons `ids` that the user may see (others are left out by the server). */
export async function storedMatches(ids: string[], signal?: AbortSignal): Promise<StoredMatch[]> {
  const out: StoredMatch[] = [];
  for (let i = 0; i < ids.length; i += MAX_STORED_MATCHES) {
    const chunk = ids.slice(i, i + MAX_STORED_MATCHES);
    const page = await apiRequest<{ items: StoredMatch[] }>(
      `/api/v1/imports/matches?ids=${chunk.map(encodeURIComponent).join(',')}`,
      { signal, deviceCopy: false },
    );
    out.push(...page.items);
  }
  return out;
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
