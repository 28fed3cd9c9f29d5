import { describe, expect, it } from 'vitest';
import type { ImportReport, ImportRow } from '../api/imports';
import {
  canApply,
  checkImportFile,
  choicesFor,
  decisionsOf,
  MAX_IMPORT_BYTES,
  loadedFamilies,
  rowsToDecide,
  undecidedCount,
} from './imports';

function row(
  n: number,
  status: ImportRow['status'],
  matches: ImportRow['matches'] = [],
): ImportRow {
  return { row: n, status, name: `Строка ${n}`, household_id: null, person_id: null, matches };
}

const registry = {
  person_id: 'p1',
  row: null,
  score: 0.9,
  reasons: ['name_exact'],
  name: 'Иванова Анна',
  birth_date: '1990-01-01',
};
const inFile = { ...registry, person_id: null, row: 2 };

function report(rows: ImportRow[], errors = 0): ImportReport {
  return {
    applied: false,
    batch_id: null,
    counts: {
      households_created: 0,
      households_updated: 0,
      persons_created: 0,
      persons_updated: 0,
      held: rows.filter((r) => r.status === 'held').length,
      errors,
    },
    issues: [],
    rows,
  };
}

describe('checkImportFile', () => {
  it('takes XLSX and CSV up to the limit', () => {
    expect(checkImportFile({ name: 'реестр.XLSX', size: 10 })).toBeNull();
    expect(checkImportFile({ name: 'r.csv', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(checkImportFile({ name: 'r.csv', size: 0 })).toBe('empty');
    expect(checkImportFile({ name: 'r.csv', size: MAX_IMPORT_BYTES + 1 })).toBe('tooLarge');
    expect(checkImportFile({ name: 'r.pdf', size: 10 })).toBe('badType');
  });
});

describe('decisions', () => {
  it('sends only the rows decided, keyed by file row', () => {
    expect(decisionsOf({ 3: 'new', 4: '', 7: 'same:p1' })).toEqual({ 3: 'new', 7: 'same:p1' });
    expect(decisionsOf({})).toEqual({});
  });

  it('offers a new person or a registry match, never a row of the file', () => {
    expect(choicesFor(row(3, 'held', [registry, inFile]))).toEqual(['new', 'same:p1']);
    expect(choicesFor(row(3, 'held', [inFile]))).toEqual(['new']);
  });

  it('asks about held rows with a match, and keeps rows decided since', () => {
    const r = report([
      row(2, 'create'),
      row(3, 'held', [registry]),
      row(4, 'held'), // held with its family member in row 3: nothing to decide here
      row(5, 'create', [registry]), // decided "new" at the last check
    ]);
    expect(rowsToDecide(r, {}).map((x) => x.row)).toEqual([3]);
    expect(rowsToDecide(r, { 5: 'new' }).map((x) => x.row)).toEqual([3, 5]);
    expect(undecidedCount(r, {})).toBe(1);
    expect(undecidedCount(r, { 3: 'same:p1' })).toBe(0);
  });

  it('loads only a checked file without errors', () => {
    expect(canApply(null)).toBe(false);
    expect(canApply(report([row(2, 'create')]))).toBe(true);
    expect(canApply(report([row(2, 'error')], 1))).toBe(false);
    expect(canApply({ ...report([row(2, 'create')]), applied: true })).toBe(false);
  });
});

describe('loadedFamilies', () => {
  it('names each written family once, by its first row', () => {
    const rows = [
      { ...row(2, 'create'), household_id: 'h1' },
      { ...row(3, 'create'), household_id: 'h1' },
      { ...row(4, 'held'), household_id: 'h2' },
      { ...row(5, 'update'), household_id: 'h3' },
    ];
    expect(loadedFamilies({ ...report(rows), applied: true })).toEqual([
      { id: 'h1', name: 'Строка 2' },
      { id: 'h3', name: 'Строка 5' },
    ]);
  });
});
