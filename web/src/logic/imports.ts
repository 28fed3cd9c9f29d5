import type { ImportReport, ImportRow, PersonCells } from '../api/imports';

/**
 * The server takes a body of at most 20 MiB with the file in base64 (4 bytes for every 3):
 * a file of 15 MiB leaves room for the decisions.
 */
export const MAX_IMPORT_BYTES = 15 * 1024 * 1024;

const IMPORT_NAME = /\.(xlsx|csv|txt)$/i;

export type ImportFileProblem = 'empty' | 'tooLarge' | 'badType';

/** Why `file` cannot be imported, or null when it can be sent (the server reads its contents). */
export function checkImportFile(file: { name: string; size: number }): ImportFileProblem | null {
  if (file.size === 0) {
    return 'empty';
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return 'tooLarge';
  }
  if (!IMPORT_NAME.test(file.name)) {
    return 'badType';
  }
  return null;
}

/** What the operator chose for a held row: nothing yet, another person, or a stored person. */
export type RowChoice = '' | 'new' | `same:${string}`;

/** The decisions the server reads ({"<row>": "new" | "same:<id>"}), without the rows left undecided. */
export function decisionsOf(choices: Record<number, RowChoice>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [row, choice] of Object.entries(choices)) {
    if (choice === 'new' || choice.startsWith('same:')) {
      out[row] = choice;
    }
  }
  return out;
}

/**
 * Rows that need a decision: held rows with a match of their own (a row held only because
 * another member of its family is held has nothing to decide), and rows the operator already
 * decided in this session, so that a choice can be changed after the check that applied it.
 */
export function rowsToDecide(
  report: ImportReport,
  choices: Record<number, RowChoice>,
): ImportRow[] {
  return report.rows.filter(
    (row) => row.matches.length > 0 && (row.status === 'held' || (choices[row.row] ?? '') !== ''),
  );
}

/** The choices a row may take: a new person, or one of its registry matches (never a file row). */
export function choicesFor(row: ImportRow): RowChoice[] {
  const out: RowChoice[] = ['new'];
  for (const match of row.matches) {
    if (match.person_id !== null) {
      out.push(`same:${match.person_id}`);
    }
  }
  return out;
}

/** Held rows with a match and no choice yet: their families would not be loaded. */
export function undecidedCount(report: ImportReport, choices: Record<number, RowChoice>): number {
  return report.rows.filter(
    (row) => row.status === 'held' && row.matches.length > 0 && (choices[row.row] ?? '') === '',
  ).length;
}

/** Whether the checked file may be loaded: it has no error at all (the server loads nothing then). */
export function canApply(report: ImportReport | null): boolean {
  return report !== null && !report.applied && report.counts.errors === 0;
}

/** The families an apply wrote, once each in file order, named by their first row's person. */
export function loadedFamilies(report: ImportReport): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const row of report.rows) {
    if (
      row.household_id !== null &&
      (row.status === 'create' || row.status === 'update') &&
      !out.some((f) => f.id === row.household_id)
    ) {
      out.push({ id: row.household_id, name: row.name });
    }
  }
  return out;
}

/** The server takes a mapping file of at most 64 KiB of text. */
export const MAX_MAPPING_BYTES = 64 * 1024;

const MAPPING_NAME = /\.(toml|txt)$/i;

/** Why `file` cannot be sent as a mapping file, or null when it can (the server parses it). */
export function checkMappingFile(file: { name: string; size: number }): ImportFileProblem | null {
  if (file.size === 0) {
    return 'empty';
  }
  if (file.size > MAX_MAPPING_BYTES) {
    return 'tooLarge';
  }
  if (!MAPPING_NAME.test(file.name)) {
    return 'badType';
  }
  return null;
}

/** What the progress bar shows: a share only the browser measured (the upload), never a guess. */
export interface ProgressView {
  /** 0-100 while uploading; null while the server works (it reports no share). */
  percent: number | null;
  label: 'uploading' | 'checking' | 'checkingRows' | 'loading' | 'loadingRows' | 'reporting';
  rows: number | null;
}

/**
 * The bar for a request at `stage`: the upload's percentage, then what the server is doing —
 * checking (a dry run, a report) or checking and loading (an apply) — with the file's row count
 * when an earlier check of the same file told it (`knownRows`).
 */
export function progressView(
  stage: { phase: 'upload'; sent: number; total: number } | { phase: 'server' },
  action: 'check' | 'apply' | 'report',
  knownRows: number | null,
): ProgressView {
  if (stage.phase === 'upload') {
    const percent =
      stage.total > 0 ? Math.min(100, Math.floor((stage.sent * 100) / stage.total)) : 0;
    return { percent, label: 'uploading', rows: knownRows };
  }
  if (action === 'report') {
    return { percent: null, label: 'reporting', rows: knownRows };
  }
  if (action === 'apply') {
    return {
      percent: null,
      label: knownRows === null ? 'loading' : 'loadingRows',
      rows: knownRows,
    };
  }
  return {
    percent: null,
    label: knownRows === null ? 'checking' : 'checkingRows',
    rows: knownRows,
  };
}

/** The number of file rows a report covers (each row has one outcome). */
export function reportRows(report: ImportReport): number {
  return new Set(report.rows.map((r) => r.row)).size;
}

/** "112-233-445 95" for 11 digits; anything else as it is. */
export function formatSnils(digits: string | null | undefined): string {
  if (!digits) {
    return '';
  }
  return /^\d{11}$/.test(digits)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`
    : digits;
}

/** The registry persons the held rows on screen matched, once each, for their side-by-sides. */
export function storedMatchIds(rows: ImportRow[]): string[] {
  const ids: string[] = [];
  for (const row of rows) {
    for (const match of row.matches) {
      if (match.person_id !== null && !ids.includes(match.person_id)) {
        ids.push(match.person_id);
      }
    }
  }
  return ids;
}

export type CompareField =
  'lastName' | 'firstName' | 'patronymic' | 'birthDate' | 'sex' | 'snils' | 'address' | 'phone';

/** One line of a side-by-side: the file's value, the stored one, and whether they differ. */
export interface CompareLine {
  field: CompareField;
  file: string;
  stored: string;
  differs: boolean;
}

function folded(text: string): string {
  return text.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** A Russian number written +7 … or 8 …: its last ten digits. */
function phoneKey(text: string): string {
  return digitsOf(text).slice(-10);
}

/**
 * The file row beside the stored person, field by field (phones: the person's, else the
 * family's). A line differs when both sides have a value and they are not the same up to case,
 * ё and spaces (phones: their last ten digits, so +7 and 8 are alike). A stored СНИЛС the user may not see is ''.
 */
export function compareLines(file: PersonCells, stored: PersonCells): CompareLine[] {
  const phone = (c: PersonCells) => c.person_phone || c.phone;
  const lines: [CompareField, string, string, (a: string) => string][] = [
    ['lastName', file.last_name, stored.last_name, folded],
    ['firstName', file.first_name, stored.first_name, folded],
    ['patronymic', file.patronymic, stored.patronymic, folded],
    ['birthDate', file.birth_date ?? '', stored.birth_date ?? '', folded],
    ['sex', file.sex, stored.sex, folded],
    ['snils', formatSnils(file.snils), formatSnils(stored.snils), digitsOf],
    ['address', file.address, stored.address, folded],
    ['phone', phone(file), phone(stored), phoneKey],
  ];
  return lines.map(([field, a, b, key]) => ({
    field,
    file: a,
    stored: b,
    differs: a !== '' && b !== '' && key(a) !== key(b),
  }));
}
