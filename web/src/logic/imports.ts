import type { ImportReport, ImportRow } from '../api/imports';

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
