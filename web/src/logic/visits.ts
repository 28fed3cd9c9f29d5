import type { Visit, VisitInput, VisitOutcomeInput } from '../api/visits';
import { isIsoDay } from './dates';

export const VISIT_KINDS = ['home', 'office', 'phone', 'joint_event'] as const;

/** What the form records: a visit made, one planned for a day, or one that did not take place. */
export type VisitMode = 'done' | 'planned' | 'missed';

export interface VisitDraft {
  mode: VisitMode;
  planned_on: string;
  actual_on: string;
  missed_reason: string;
  kind: string;
  purpose: string;
  home: string;
  /** SPEC §8: never ticked for the worker; they tick it after checking. */
  safety_checked: boolean;
  safety_concern: boolean;
  /** What raises the concern; required with it. */
  safety_note: string;
  actions: string;
  next_step: string;
}

export function emptyVisitDraft(today: string): VisitDraft {
  return {
    mode: 'done',
    planned_on: today,
    actual_on: today,
    missed_reason: '',
    kind: 'home',
    purpose: '',
    home: '',
    safety_checked: false,
    safety_concern: false,
    safety_note: '',
    actions: '',
    next_step: '',
  };
}

/** A planned visit as the start of the form that records its outcome. */
export function outcomeDraft(visit: Visit, today: string): VisitDraft {
  return {
    ...emptyVisitDraft(today),
    planned_on: visit.planned_on,
    actual_on: visit.planned_on <= today ? visit.planned_on : today,
    kind: visit.kind,
    purpose: visit.purpose,
  };
}

export type VisitErrors = Partial<Record<keyof VisitDraft, 'required' | 'invalid' | 'future'>>;

/**
 * SPEC §8: a visit is done (its date not in the future), planned for a day, or missed with a reason;
 * a child-safety concern says what it is.
 */
export function validateVisit(draft: VisitDraft, today: string): VisitErrors {
  const errors: VisitErrors = {};
  if (!isIsoDay(draft.planned_on)) {
    errors.planned_on = draft.planned_on === '' ? 'required' : 'invalid';
  }
  if (draft.mode === 'missed') {
    if (draft.missed_reason.trim() === '') {
      errors.missed_reason = 'required';
    }
  } else if (draft.mode === 'done') {
    if (!isIsoDay(draft.actual_on)) {
      errors.actual_on = draft.actual_on === '' ? 'required' : 'invalid';
    } else if (draft.actual_on > today) {
      errors.actual_on = 'future';
    }
    if (draft.safety_concern && draft.safety_note.trim() === '') {
      errors.safety_note = 'required';
    }
  }
  if (draft.purpose.trim() === '') {
    errors.purpose = 'required';
  }
  return errors;
}

function doneFields(draft: VisitDraft) {
  return {
    actual_on: draft.actual_on,
    observations: { home: draft.home.trim() },
    child_safety: {
      checked: draft.safety_checked,
      concern: draft.safety_concern,
      ...(draft.safety_concern ? { note: draft.safety_note.trim() } : {}),
    },
    actions: draft.actions.trim(),
    next_step: draft.next_step.trim(),
  };
}

/** The body of POST /cases/{id}/visits for `draft`. */
export function visitPayload(draft: VisitDraft): VisitInput {
  const base: VisitInput = {
    planned_on: draft.planned_on,
    kind: draft.kind,
    purpose: draft.purpose.trim(),
  };
  if (draft.mode === 'missed') {
    return { ...base, missed: { reason: draft.missed_reason.trim() } };
  }
  if (draft.mode === 'planned') {
    return base;
  }
  return { ...base, ...doneFields(draft) };
}

/** The body of PATCH /visits/{id} recording what became of a planned visit. */
export function outcomePayload(draft: VisitDraft, version: number): VisitOutcomeInput {
  if (draft.mode === 'missed') {
    return { version, missed: { reason: draft.missed_reason.trim() } };
  }
  return { version, ...doneFields(draft) };
}

/** Visits as the case lists them: the latest first, by the day made or else the day planned. */
const sortedVisits = new WeakMap<readonly Visit[], readonly Visit[]>();

/**
 * The visits, latest first. Sorted once per list the server sent: the case header and the visits tab read the
 * same result (a case with 1,000 visits, issue 14). The result is shared: never change it.
 */
export function sortVisits(visits: readonly Visit[]): readonly Visit[] {
  let sorted = sortedVisits.get(visits);
  if (!sorted) {
    // ISO days and times compare as plain strings (no locale collation needed). Two visits of one day are in
    // the order they were written, the later first, as the server lists them: a list the app changed itself
    // (a visit planned, its outcome recorded) says so before the server's list arrives.
    const key = (v: Visit) => `${v.actual_on ?? v.planned_on} ${v.created_at}`;
    sorted = [...visits].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    sortedVisits.set(visits, sorted);
  }
  return sorted;
}

/**
 * The concern the case header shows: the latest visit made whose child-safety check raised a concern,
 * unless a later visit checked the children and found none. (The visits list marks every concern.)
 */
export function latestConcern(visits: readonly Visit[]): Visit | null {
  const checked = sortVisits(visits).find((v) => v.status === 'done' && v.child_safety.checked);
  return checked?.child_safety.concern ? checked : null;
}

export interface DueVisit {
  due_on: string;
  overdue_days: number;
  reason: { key: string; message: string };
}

export interface NextVisit {
  /** The day the next visit is due or planned. */
  on: string;
  /** The planned visit that day, when one is planned by the due date. */
  planned: Visit | null;
  /** The schedule's deadline (SPEC §8), when the case owes a visit. */
  due: DueVisit | null;
  /** A visit planned only after the deadline. */
  plannedLate: Visit | null;
}

/**
 * What the case header shows as the next visit: the earliest planned visit when one is planned by the
 * schedule's deadline (or there is no deadline), else the deadline — with a visit planned too late beside it.
 */
export function nextVisit(due: DueVisit | null | undefined, visits: Visit[]): NextVisit | null {
  const planned =
    visits
      .filter((v) => v.status === 'planned')
      .sort((a, b) => a.planned_on.localeCompare(b.planned_on))[0] ?? null;
  if (!due) {
    return planned ? { on: planned.planned_on, planned, due: null, plannedLate: null } : null;
  }
  if (planned && planned.planned_on <= due.due_on) {
    return { on: planned.planned_on, planned, due, plannedLate: null };
  }
  return { on: due.due_on, planned: null, due, plannedLate: planned };
}
