import { describe, expect, it } from 'vitest';
import { deadlineStatus, sortByDeadline } from './signals';
import { navKeys } from './nav';
import { unitOptions, unitTree } from './units';
import { isIsoDay, localDateTimeToIso } from './dates';

describe('sortByDeadline', () => {
  it('puts the nearest deadline first', () => {
    const sorted = sortByDeadline([
      { id: 'b', deadline_at: '2026-05-20T10:00:00Z', received_at: '2026-05-10T10:00:00Z' },
      { id: 'a', deadline_at: '2026-05-11T10:00:00Z', received_at: '2026-05-10T12:00:00Z' },
      { id: 'c', deadline_at: '2026-05-11T10:00:00Z', received_at: '2026-05-10T08:00:00Z' },
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('deadlineStatus', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  it('tells overdue, within a day and later apart', () => {
    expect(deadlineStatus('2026-05-10T11:59:00Z', now)).toBe('overdue');
    expect(deadlineStatus('2026-05-11T11:00:00Z', now)).toBe('soon');
    expect(deadlineStatus('2026-05-13T12:00:00Z', now)).toBe('later');
  });
});

describe('navKeys', () => {
  it('gives each role its entries, the work list first', () => {
    expect(navKeys('specialist')).toEqual(['worklist', 'cases', 'intake', 'signals']);
    expect(navKeys('secretary')).toEqual(['worklist', 'cases', 'council']);
    expect(navKeys('admin')).toEqual(['users', 'units', 'audit', 'settings']);
    expect(navKeys('auditor')).toEqual(['audit', 'dashboard']);
    expect(navKeys('volunteer')).toEqual(['wards']);
    // SPEC §10: the dashboard for the roles that read reports.
    expect(navKeys('head')).toEqual([
      'worklist',
      'dashboard',
      'cases',
      'council',
      'intake',
      'signals',
      'volunteers',
      'imports',
    ]);
  });
});

describe('unitTree', () => {
  it('orders parents before children by name; orphans become roots', () => {
    const rows = unitTree([
      { id: 'd2', name: 'Отделение Б', kind: 'department', parent_id: 'i' },
      { id: 'r', name: 'Регион', kind: 'region', parent_id: null },
      { id: 'd1', name: 'Отделение А', kind: 'department', parent_id: 'i' },
      { id: 'i', name: 'Центр', kind: 'institution', parent_id: 'r' },
      { id: 'x', name: 'Чужой', kind: 'department', parent_id: 'missing' },
    ]);
    expect(rows.map((r) => [r.unit.id, r.depth])).toEqual([
      ['r', 0],
      ['i', 1],
      ['d1', 2],
      ['d2', 2],
      ['x', 0],
    ]);
  });

  it('indents each option by its depth', () => {
    const rows = unitTree([
      { id: 'i', name: 'Центр', kind: 'institution', parent_id: null },
      { id: 'd', name: 'Отделение', kind: 'department', parent_id: 'i' },
    ]);
    expect(unitOptions(rows)).toEqual([
      { value: 'i', label: 'Центр' },
      { value: 'd', label: '\u00a0\u00a0Отделение' },
    ]);
  });
});

describe('dates', () => {
  it('checks calendar dates and converts local times to instants', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('17.04.1988')).toBe(false);
    expect(localDateTimeToIso('bad')).toBeNull();
    expect(localDateTimeToIso('2026-05-10T09:30')).toMatch(/^2026-05-\d{2}T\d{2}:30:00Z$/);
  });
});
