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
    /** Who exactly: a user's or partner's id by the kind, the family's free text ("мать"). */
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

/** Roles of staff a measure may name as its specialist (the server's StaffPlace::measure_specialist). */
export const MEASURE_STAFF_ROLES = ['specialist', 'expert', 'head'] as const;

/** The colleagues and organisations a measure may name, as the app knows them. */
export interface ResponsibleDirectory {
  staff: readonly {
    id: string;
    full_name: string;
    role: string;
    unit_id: string;
    disabled: boolean;
  }[];
  partners: readonly { id: string; name: string }[];
}

/**
 * The choices of "who exactly" for a measure of `kind` (issue 13): enabled specialists, experts
 * and heads for a specialist, enabled volunteer users for a volunteer, partner organisations for a
 * partner, those of the case's unit first; always an empty choice first. `null` for the family,
 * whose ref is free text ("мать"). A ref not among them (an old draft) stays, as written, so the
 * server's refusal shows at the field. The server decides who belongs to the case's unit line.
 */
export function responsibleChoices(
  kind: string,
  directory: ResponsibleDirectory,
  current: string,
  caseUnitId?: string,
): { value: string; label: string }[] | null {
  let options: { value: string; label: string; unit?: string }[];
  if (kind === 'specialist' || kind === 'volunteer') {
    const roles: readonly string[] = kind === 'specialist' ? MEASURE_STAFF_ROLES : ['volunteer'];
    options = directory.staff
      .filter((u) => !u.disabled && roles.includes(u.role))
      .map((u) => ({ value: u.id, label: u.full_name, unit: u.unit_id }));
  } else if (kind === 'partner') {
    options = directory.partners.map((p) => ({ value: p.id, label: p.name }));
  } else {
    return null;
  }
  if (caseUnitId) {
    // A stable sort: the case's own unit first, each group in the server's order (by name).
    options = [
      ...options.filter((o) => o.unit === caseUnitId),
      ...options.filter((o) => o.unit !== caseUnitId),
    ];
  }
  const out = [{ value: '', label: '—' }, ...options.map(({ value, label }) => ({ value, label }))];
  if (current !== '' && !out.some((o) => o.value === current)) {
    out.push({ value: current, label: current });
  }
  return out;
}

/** An internal id (util::random_id): never shown to a person. */
const INTERNAL_ID = /^[a-z2-7]{20}$/;

/**
 * Who is responsible for a measure, for people: the kind ("Специалист") and, when the measure
 * names them, who — a colleague or volunteer by name, a partner by its organisation's name, the
 * family's free text as written ("мать"), an older plan's free text as written. An id the reader
 * cannot resolve gives the kind alone: never an id or a placeholder such as "Пользователь ab12cd".
 */
export function responsibleText(
  kindLabel: string,
  kind: string,
  ref: string,
  names: { staff: (id: string) => string | undefined; partner: (id: string) => string | undefined },
): string {
  const who = ref.trim();
  if (who === '') {
    return kindLabel;
  }
  const name =
    kind === 'partner' ? names.partner(who) : kind === 'family' ? undefined : names.staff(who);
  if (name !== undefined) {
    return `${kindLabel}: ${name}`;
  }
  return INTERNAL_ID.test(who) ? kindLabel : `${kindLabel}: ${who}`;
}
