import type { PlanInput } from '../api/plans';
import { isIsoDay } from './dates';

export const MEASURE_STATUSES = [
  'planned',
  'in_progress',
  'done',
  'not_done',
  'cancelled',
] as const;
export const PLAN_TERMS = ['short', 'long'] as const;
export const RESPONSIBLE_KINDS = ['specialist', 'partner', 'volunteer', 'family'] as const;
export const PATRONAGE_TYPES = [
  'medical_social',
  'psychological',
  'pedagogical',
  'economic',
  'legal',
  'household',
  'labour',
] as const;

/** One goal with its measures: the simple form of a plan (SPEC §7). */
export interface PlanDraft {
  period_from: string;
  period_to: string;
  term: string;
  goal: string;
  domain: string;
  measures: {
    what: string;
    patronage_type: string;
    responsible_kind: string;
    /** Who exactly (a name, an organisation, "мать"): printed after the kind. */
    responsible_ref?: string;
    due_on: string;
  }[];
}

export type PlanErrors = Record<string, 'required' | 'invalid' | 'order'>;

export function validatePlan(draft: PlanDraft): PlanErrors {
  const errors: PlanErrors = {};
  const date = (key: string, value: string) => {
    if (!isIsoDay(value)) {
      errors[key] = value === '' ? 'required' : 'invalid';
    }
  };
  date('period_from', draft.period_from);
  date('period_to', draft.period_to);
  if (!errors.period_from && !errors.period_to && draft.period_to < draft.period_from) {
    errors.period_to = 'order';
  }
  if (draft.goal.trim() === '') {
    errors.goal = 'required';
  }
  if (draft.measures.length === 0) {
    errors.measures = 'required';
  }
  draft.measures.forEach((m, i) => {
    if (m.what.trim() === '') {
      errors[`measures.${i}.what`] = 'required';
    }
    date(`measures.${i}.due_on`, m.due_on);
  });
  return errors;
}

export function planPayload(draft: PlanDraft): PlanInput {
  return {
    period_from: draft.period_from,
    period_to: draft.period_to,
    term: draft.term,
    goals: [{ id: 'g1', text: draft.goal.trim(), domain: draft.domain }],
    measures: draft.measures.map((m) => ({
      goal_id: 'g1',
      patronage_type: m.patronage_type,
      what: m.what.trim(),
      responsible_kind: m.responsible_kind,
      responsible_ref: (m.responsible_ref ?? '').trim(),
      due_on: m.due_on,
    })),
  };
}

/**
 * Who is responsible for a measure, for people: the kind ("Специалист") and,
 * when the measure names them, the person — a colleague's name when `ref` is a
 * user id the reader may see, else the text as the plan has it ("психолог").
 * Never an internal placeholder such as "Пользователь ab12cd".
 */
export function responsibleText(
  kindLabel: string,
  ref: string,
  staffName: (id: string) => string | undefined,
): string {
  const who = ref.trim();
  if (who === '') {
    return kindLabel;
  }
  return `${kindLabel}: ${staffName(who) ?? who}`;
}
