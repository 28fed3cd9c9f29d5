import { describe, expect, it } from 'vitest';
import type { ImportReport, ImportRow } from '../api/imports';
import {
  canApply,
  checkImportFile,
  checkMappingFile,
  choicesFor,
  compareLines,
  decisionsOf,
  formatSnils,
  MAX_IMPORT_BYTES,
  MAX_MAPPING_BYTES,
  loadedFamilies,
  progressView,
  reportRows,
  rowsToDecide,
  storedMatchIds,
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
      cases_opened: 0,
      errors,
    },
    issues: [],
    rows,
    cases: [],
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

describe('a mapping file', () => {
  it('is a .toml of text up to 64 KiB', () => {
    expect(checkMappingFile({ name: 'map.toml', size: 120 })).toBeNull();
    expect(checkMappingFile({ name: 'MAP.TXT', size: 120 })).toBeNull();
    expect(checkMappingFile({ name: 'map.toml', size: 0 })).toBe('empty');
    expect(checkMappingFile({ name: 'map.toml', size: MAX_MAPPING_BYTES + 1 })).toBe('tooLarge');
    expect(checkMappingFile({ name: 'map.xlsx', size: 10 })).toBe('badType');
  });
});

describe('progressView', () => {
  it('shows the share sent while uploading, then no share while the server works', () => {
    expect(progressView({ phase: 'upload', sent: 50, total: 200 }, 'check', null)).toEqual({
      percent: 25,
      label: 'uploading',
      rows: null,
    });
    expect(progressView({ phase: 'upload', sent: 0, total: 0 }, 'apply', 3).percent).toBe(0);
    expect(progressView({ phase: 'server' }, 'check', null)).toEqual({
      percent: null,
      label: 'checking',
      rows: null,
    });
    expect(progressView({ phase: 'server' }, 'check', 12).label).toBe('checkingRows');
    expect(progressView({ phase: 'server' }, 'apply', 12)).toEqual({
      percent: null,
      label: 'loadingRows',
      rows: 12,
    });
    expect(progressView({ phase: 'server' }, 'apply', null).label).toBe('loading');
    expect(progressView({ phase: 'server' }, 'report', 4).label).toBe('reporting');
  });

  it('counts a row with several lines once', () => {
    const report: ImportReport = {
      applied: false,
      batch_id: null,
      counts: {
        households_created: 1,
        households_updated: 0,
        persons_created: 2,
        persons_updated: 0,
        held: 0,
        cases_opened: 0,
        errors: 0,
      },
      issues: [],
      rows: [row(2, 'create'), row(3, 'create'), row(3, 'create')],
      cases: [],
    };
    expect(reportRows(report)).toBe(2);
  });
});

describe('the side-by-side', () => {
  const file = {
    last_name: 'Кузьмина',
    first_name: 'Наталия',
    patronymic: 'Сергеевна',
    birth_date: '1992-11-05',
    sex: 'female',
    snils: '11223344595',
    address: 'г. Энск, пр-т Мира, д. 5, кв. 8',
    phone: '8 900 111 22 33',
    person_phone: '',
  };
  const stored = {
    ...file,
    first_name: 'Наталья',
    snils: null,
    address: 'г. Энск,  пр-т  Мира, д. 5, кв. 8',
    phone: '+7 (900) 111-22-33',
  };

  it('marks the fields that differ, not those written another way', () => {
    const lines = compareLines(file, stored);
    expect(lines.map((l) => l.field)).toEqual([
      'lastName',
      'firstName',
      'patronymic',
      'birthDate',
      'sex',
      'snils',
      'address',
      'phone',
    ]);
    expect(lines.filter((l) => l.differs).map((l) => l.field)).toEqual(['firstName']);
    // A value on one side only is not a difference (an empty cell never erases).
    expect(lines.find((l) => l.field === 'snils')).toEqual({
      field: 'snils',
      file: '112-233-445 95',
      stored: '',
      differs: false,
    });
  });

  it("takes the person's phone before the family's", () => {
    const lines = compareLines({ ...file, person_phone: '+7 900 000-00-01' }, stored);
    expect(lines.find((l) => l.field === 'phone')).toMatchObject({
      file: '+7 900 000-00-01',
      differs: true,
    });
  });

  it('formats a СНИЛС and asks for each registry match once', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('123')).toBe('123');
    expect(formatSnils(null)).toBe('');
    const other = { ...registry, person_id: 'p2' };
    expect(
      storedMatchIds([row(2, 'held', [registry, inFile]), row(3, 'held', [registry, other])]),
    ).toEqual(['p1', 'p2']);
  });
});
