import type { VisitInput } from '../api/visits';
import { isIsoDay } from './dates';

export const VISIT_KINDS = ['home', 'office', 'phone', 'joint_event'] as const;

export interface VisitDraft {
  planned_on: string;
  actual_on: string;
  missed: boolean;
  missed_reason: string;
  kind: string;
  purpose: string;
  home: string;
  safety_checked: boolean;
  safety_concern: boolean;
  actions: string;
  next_step: string;
}

export type VisitErrors = Partial<Record<keyof VisitDraft, 'required' | 'invalid' | 'future'>>;

/** SPEC §7: a visit is either done (its date not in the future) or missed with a reason. */
export function validateVisit(draft: VisitDraft, today: string): VisitErrors {
  const errors: VisitErrors = {};
  if (!isIsoDay(draft.planned_on)) {
    errors.planned_on = draft.planned_on === '' ? 'required' : 'invalid';
  }
  if (draft.missed) {
    if (draft.missed_reason.trim() === '') {
      errors.missed_reason = 'required';
    }
  } else if (!isIsoDay(draft.actual_on)) {
    errors.actual_on = draft.actual_on === '' ? 'required' : 'invalid';
  } else if (draft.actual_on > today) {
    errors.actual_on = 'future';
  }
  if (draft.purpose.trim() === '') {
    errors.purpose = 'required';
  }
  return errors;
}

/** The body of POST /cases/{id}/visits for `draft`. */
export function visitPayload(draft: VisitDraft): VisitInput {
  const base: VisitInput = {
    planned_on: draft.planned_on,
    kind: draft.kind,
    purpose: draft.purpose.trim(),
  };
  if (draft.missed) {
    return { ...base, missed: { reason: draft.missed_reason.trim() } };
  }
  return {
    ...base,
    actual_on: draft.actual_on,
    observations: { home: draft.home.trim() },
    child_safety: { checked: draft.safety_checked, concern: draft.safety_concern },
    actions: draft.actions.trim(),
    next_step: draft.next_step.trim(),
  };
}
