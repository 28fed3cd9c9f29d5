import { describe, expect, it } from 'vitest';
import { validateVisit, visitPayload, type VisitDraft } from './visits';

const draft: VisitDraft = {
  planned_on: '2026-11-20',
  actual_on: '2026-11-20',
  missed: false,
  missed_reason: '',
  kind: 'home',
  purpose: ' Плановое посещение ',
  home: 'Чисто',
  safety_checked: true,
  safety_concern: false,
  actions: '',
  next_step: '',
};

describe('visit form', () => {
  it('accepts a done visit and builds its payload', () => {
    expect(validateVisit(draft, '2026-11-23')).toEqual({});
    const body = visitPayload(draft);
    expect(body.purpose).toBe('Плановое посещение');
    expect(body.actual_on).toBe('2026-11-20');
    expect(body.missed).toBeUndefined();
    expect(body.child_safety).toEqual({ checked: true, concern: false });
  });

  it('refuses a visit done in the future and a missed one without a reason', () => {
    expect(validateVisit({ ...draft, actual_on: '2026-12-01' }, '2026-11-23')).toEqual({
      actual_on: 'future',
    });
    expect(validateVisit({ ...draft, missed: true }, '2026-11-23')).toEqual({
      missed_reason: 'required',
    });
  });

  it('sends a missed visit without an actual date', () => {
    const body = visitPayload({ ...draft, missed: true, missed_reason: ' дома никого ' });
    expect(body).toEqual({
      planned_on: '2026-11-20',
      kind: 'home',
      purpose: 'Плановое посещение',
      missed: { reason: 'дома никого' },
    });
  });
});
