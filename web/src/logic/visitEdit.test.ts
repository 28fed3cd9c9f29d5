import { describe, expect, it } from 'vitest';
import type { Visit } from '../api/visits';
import {
  changedFields,
  editableFields,
  nestTexts,
  validateVisitEdit,
  visitEditDraft,
  visitEditPayload,
  withPendingEdits,
} from './visitEdit';

function visit(patch: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    case_id: 'c1',
    status: 'done',
    planned_on: '2026-11-01',
    actual_on: '2026-11-01',
    kind: 'home',
    participants: [],
    purpose: 'Плановое посещение',
    observations: { home: 'Чисто', children: [], relations: 'Спокойные' },
    child_safety: { checked: true, concern: false, note: '' },
    actions: 'Консультация',
    next_step: 'Звонок',
    closing: false,
    missed: null,
    created_by: 'u1',
    created_at: '2026-11-01T10:00:00Z',
    version: 3,
    ...patch,
  };
}

describe('editableFields', () => {
  it('offers the report of a visit made, the reason of one missed, nothing of one planned', () => {
    expect(editableFields(visit())).toEqual([
      'purpose',
      'observations.home',
      'observations.relations',
      'actions',
      'next_step',
    ]);
    expect(
      editableFields(
        visit({ status: 'missed', actual_on: null, missed: { reason: 'Не открыли' } }),
      ),
    ).toEqual(['purpose', 'missed.reason']);
    expect(editableFields(visit({ status: 'planned', actual_on: null }))).toEqual([]);
  });

  it('offers the child-safety note only when a concern was raised', () => {
    const concern = visit({ child_safety: { checked: true, concern: true, note: 'Синяк' } });
    expect(editableFields(concern)).toContain('child_safety.note');
    expect(visitEditDraft(concern).required).toEqual(['purpose', 'child_safety.note']);
  });
});

describe('visitEditPayload', () => {
  it('sends only the changed fields, with the version and the values the user started from', () => {
    const draft = visitEditDraft(visit());
    draft.values.actions = ' Консультация матери ';
    draft.values['observations.home'] = 'Чисто, тепло';
    expect(changedFields(draft)).toEqual(['observations.home', 'actions']);
    expect(visitEditPayload(draft)).toEqual({
      version: 3,
      actions: 'Консультация матери',
      observations: { home: 'Чисто, тепло' },
      base: { actions: 'Консультация', observations: { home: 'Чисто' } },
    });
  });

  it('keeps the base of the draft, not of the record as it is now', () => {
    const draft = visitEditDraft(visit());
    draft.values.next_step = 'Встреча в центре';
    // The record changed on the server meanwhile; the draft kept overnight still says what the user saw.
    const kept = JSON.parse(JSON.stringify(draft)) as typeof draft;
    expect(visitEditPayload(kept)).toEqual({
      version: 3,
      next_step: 'Встреча в центре',
      base: { next_step: 'Звонок' },
    });
  });

  it('is null when nothing but spaces changed', () => {
    const draft = visitEditDraft(visit());
    draft.values.purpose = 'Плановое посещение  ';
    expect(changedFields(draft)).toEqual([]);
    expect(visitEditPayload(draft)).toBeNull();
  });

  it('edits the reason of a missed visit in the record shape', () => {
    const draft = visitEditDraft(
      visit({ status: 'missed', actual_on: null, missed: { reason: 'Не открыли' } }),
    );
    draft.values['missed.reason'] = 'Семья уехала к родственникам';
    expect(visitEditPayload(draft)).toEqual({
      version: 3,
      missed: { reason: 'Семья уехала к родственникам' },
      base: { missed: { reason: 'Не открыли' } },
    });
  });
});

describe('validateVisitEdit', () => {
  it('does not let the purpose, the reason or a concern note be emptied', () => {
    const missed = visitEditDraft(
      visit({ status: 'missed', actual_on: null, missed: { reason: 'Не открыли' } }),
    );
    missed.values.purpose = ' ';
    missed.values['missed.reason'] = '';
    expect(validateVisitEdit(missed)).toEqual({ purpose: 'required', 'missed.reason': 'required' });
    const made = visitEditDraft(visit());
    made.values.actions = '';
    expect(validateVisitEdit(made)).toEqual({});
  });
});

describe('nestTexts', () => {
  it('turns field paths into the visit record shape', () => {
    expect(
      nestTexts({
        'observations.home': 'a',
        'observations.relations': 'b',
        'child_safety.note': 'c',
        purpose: 'd',
      }),
    ).toEqual({
      purpose: 'd',
      observations: { home: 'a', relations: 'b' },
      child_safety: { note: 'c' },
    });
  });
});

describe('withPendingEdits', () => {
  it('starts a second offline correction from the first one, on the same version', () => {
    const first = visitEditDraft(visit());
    first.values.actions = 'Консультация матери';
    first.values['observations.home'] = 'Тепло';
    const shown = withPendingEdits(visit(), [visitEditPayload(first)!]);
    expect(shown).toMatchObject({
      actions: 'Консультация матери',
      observations: { home: 'Тепло', relations: 'Спокойные' },
      next_step: 'Звонок',
      version: 3,
    });
    const second = visitEditDraft(shown);
    second.values.actions = 'Консультация матери и отца';
    // The server applies the first (version 4), then merges the second: its base is the first's text.
    expect(visitEditPayload(second)).toEqual({
      version: 3,
      actions: 'Консультация матери и отца',
      base: { actions: 'Консультация матери' },
    });
  });
});
