import { describe, expect, it } from 'vitest';
import type { Visit } from '../api/visits';
import {
  emptyVisitDraft,
  latestConcern,
  nextVisit,
  outcomePayload,
  sortVisits,
  validateVisit,
  visitPayload,
  type VisitDraft,
} from './visits';

const draft: VisitDraft = {
  ...emptyVisitDraft('2026-11-20'),
  purpose: ' Плановое посещение ',
  home: 'Чисто',
  safety_checked: true,
};

function visit(patch: Partial<Visit>): Visit {
  return {
    id: 'v',
    case_id: 'c',
    status: 'done',
    planned_on: '2026-11-01',
    actual_on: '2026-11-01',
    kind: 'home',
    participants: [],
    purpose: 'Посещение',
    observations: { home: '', children: [], relations: '' },
    child_safety: { checked: true, concern: false, note: '' },
    actions: '',
    next_step: '',
    closing: false,
    missed: null,
    created_by: 'u',
    created_at: '2026-11-01T10:00:00Z',
    version: 1,
    ...patch,
  };
}

describe('visit form', () => {
  it('does not tick "child safety checked" for the worker (issue 13, point 5)', () => {
    const fresh = emptyVisitDraft('2026-11-20');
    expect(fresh.safety_checked).toBe(false);
    expect(fresh.safety_concern).toBe(false);
  });

  it('accepts a done visit and builds its payload', () => {
    expect(validateVisit(draft, '2026-11-23')).toEqual({});
    const body = visitPayload(draft);
    expect(body.purpose).toBe('Плановое посещение');
    expect(body.actual_on).toBe('2026-11-20');
    expect(body.missed).toBeUndefined();
    expect(body.child_safety).toEqual({ checked: true, concern: false });
  });

  it('requires a description of a child-safety concern and sends it', () => {
    const concern = { ...draft, safety_concern: true };
    expect(validateVisit(concern, '2026-11-23')).toEqual({ safety_note: 'required' });
    const body = visitPayload({ ...concern, safety_note: ' синяк на руке ' });
    expect(body.child_safety).toEqual({ checked: true, concern: true, note: 'синяк на руке' });
  });

  it('refuses a visit done in the future and a missed one without a reason', () => {
    expect(validateVisit({ ...draft, actual_on: '2026-12-01' }, '2026-11-23')).toEqual({
      actual_on: 'future',
    });
    expect(validateVisit({ ...draft, mode: 'missed' }, '2026-11-23')).toEqual({
      missed_reason: 'required',
    });
  });

  it('plans a visit for a future day with no outcome', () => {
    const planned = { ...draft, mode: 'planned' as const, planned_on: '2026-12-10' };
    expect(validateVisit(planned, '2026-11-23')).toEqual({});
    expect(visitPayload(planned)).toEqual({
      planned_on: '2026-12-10',
      kind: 'home',
      purpose: 'Плановое посещение',
    });
  });

  it('sends a missed visit without an actual date', () => {
    const body = visitPayload({ ...draft, mode: 'missed', missed_reason: ' дома никого ' });
    expect(body).toEqual({
      planned_on: '2026-11-20',
      kind: 'home',
      purpose: 'Плановое посещение',
      missed: { reason: 'дома никого' },
    });
  });

  it('records the outcome of a planned visit with its version', () => {
    expect(outcomePayload(draft, 3)).toMatchObject({ version: 3, actual_on: '2026-11-20' });
    expect(outcomePayload({ ...draft, mode: 'missed', missed_reason: 'болеют' }, 3)).toEqual({
      version: 3,
      missed: { reason: 'болеют' },
    });
  });
});

describe('next visit and concerns', () => {
  const due = { due_on: '2026-12-20', overdue_days: 0, reason: { key: 'k', message: 'по риску' } };

  it('takes a visit planned before the deadline (issue 13, point 5)', () => {
    const early = visit({ id: 'p1', status: 'planned', actual_on: null, planned_on: '2026-12-08' });
    const later = visit({ id: 'p2', status: 'planned', actual_on: null, planned_on: '2026-12-12' });
    expect(nextVisit(due, [later, early])).toMatchObject({
      on: '2026-12-08',
      planned: { id: 'p1' },
    });
  });

  it('keeps the deadline when the only planned visit is after it, and shows both', () => {
    const late = visit({ id: 'p', status: 'planned', actual_on: null, planned_on: '2027-01-10' });
    expect(nextVisit(due, [late])).toMatchObject({
      on: '2026-12-20',
      planned: null,
      plannedLate: { id: 'p' },
    });
  });

  it('shows a planned visit when the schedule owes none, and nothing without either', () => {
    const p = visit({ status: 'planned', actual_on: null, planned_on: '2026-12-08' });
    expect(nextVisit(null, [p])?.on).toBe('2026-12-08');
    expect(nextVisit(null, [visit({})])).toBeNull();
  });

  it('shows the latest concern until a later check finds none', () => {
    const a = visit({
      id: 'a',
      actual_on: '2026-10-01',
      child_safety: { checked: true, concern: true, note: 'x' },
    });
    const b = visit({
      id: 'b',
      actual_on: '2026-11-01',
      child_safety: { checked: true, concern: true, note: 'y' },
    });
    const unchecked = visit({
      id: 'u',
      actual_on: '2026-11-03',
      child_safety: { checked: false, concern: false, note: '' },
    });
    expect(latestConcern([a, b, unchecked])?.id).toBe('b');
    expect(latestConcern([a, b, visit({ id: 'c', actual_on: '2026-11-05' })])).toBeNull();
    expect(latestConcern([visit({})])).toBeNull();
  });

  it('takes the later of two checks made on one day, whatever order the list is in', () => {
    const concern = visit({
      id: 'concern',
      actual_on: '2026-12-06',
      created_at: '2026-12-06T10:00:00Z',
      child_safety: { checked: true, concern: true, note: 'ожог' },
    });
    const laterCheck = visit({
      id: 'later',
      planned_on: '2026-12-09',
      actual_on: '2026-12-06',
      created_at: '2026-12-06T10:00:02Z',
    });
    expect(latestConcern([concern, laterCheck])).toBeNull();
    expect(latestConcern([laterCheck, concern])).toBeNull();
  });
});

describe('sortVisits', () => {
  it('puts the latest first, by the day made or else planned, and sorts each list once', () => {
    const list = [
      visit({ id: 'old', actual_on: '2026-01-05' }),
      visit({ id: 'planned', actual_on: null, planned_on: '2026-12-01' }),
      visit({ id: 'mid', actual_on: '2026-06-10' }),
    ];
    const sorted = sortVisits(list);
    expect(sorted.map((v) => v.id)).toEqual(['planned', 'mid', 'old']);
    expect(list.map((v) => v.id)).toEqual(['old', 'planned', 'mid']);
    expect(sortVisits(list)).toBe(sorted);
    expect(sortVisits([...list])).not.toBe(sorted);
  });
});
