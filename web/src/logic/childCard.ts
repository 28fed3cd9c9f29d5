/** SPEC §5: the child card, one for each minor — school, attendance and results, health, behaviour, leisure, police registration, relations with parents. */
import type { Assessment } from '../api/assessments';
import {
  datedErrors,
  filledTexts,
  isMinorOn,
  str,
  textProblem,
  type FieldErrors,
  type MemberRef,
} from './instruments';

/** The card's lines in the order of the form and the printed card. */
export const CHILD_FIELDS = [
  'school',
  'attendance',
  'results',
  'health',
  'behaviour',
  'leisure',
  'police_registration',
  'relations_with_parents',
] as const;
export type ChildField = (typeof CHILD_FIELDS)[number];

/** SPEC §11: kept apart on the server and shown only to those who may read health and police records. */
export const SENSITIVE_CHILD_FIELDS: readonly ChildField[] = ['health', 'police_registration'];

export type ChildCardDraft = Record<ChildField, string> & { date: string };

export function emptyChildCard(date: string): ChildCardDraft {
  return {
    date,
    school: '',
    attendance: '',
    results: '',
    health: '',
    behaviour: '',
    leisure: '',
    police_registration: '',
    relations_with_parents: '',
  };
}

/** The household's minors on `on`, in the household's order. */
export function minorsOf<M extends MemberRef>(members: M[], on: string): M[] {
  return members.filter((m) => isMinorOn(m, on));
}

/** Children the household lists without a birth date: they cannot get a card until it is given. */
export function childrenWithoutBirthDate<M extends MemberRef>(members: M[]): M[] {
  return members.filter((m) => m.household_role === 'child' && !m.birth_date);
}

/** The newest card of each child, by person id (a later date wins, then a later record). */
export function latestChildCards(assessments: Assessment[]): Map<string, Assessment> {
  const out = new Map<string, Assessment>();
  for (const a of assessments) {
    if (a.kind !== 'child_card') {
      continue;
    }
    const id = str(a.data.person_id);
    const seen = out.get(id);
    if (!seen || a.date > seen.date || (a.date === seen.date && a.created_at > seen.created_at)) {
      out.set(id, a);
    }
  }
  return out;
}

/** The server's checks (app/assessment_forms.cpp, app/assessments.cpp) before sending; `minors` on the card's date. */
export function validateChildCard(
  d: ChildCardDraft,
  personId: string,
  minors: Pick<MemberRef, 'id'>[],
  today: string,
): FieldErrors {
  const errors = datedErrors(d.date, today);
  if (personId === '') {
    errors.person_id = 'required';
  } else if (!minors.some((m) => m.id === personId)) {
    errors.person_id = 'notMinor';
  }
  let typed = false;
  for (const key of CHILD_FIELDS) {
    typed ||= d[key].trim() !== '';
    const problem = textProblem(d[key]);
    if (problem) {
      errors[key] = problem;
    }
  }
  if (!typed) {
    errors.form = 'empty';
  }
  return errors;
}

export function childCardPayload(d: ChildCardDraft, personId: string): Record<string, unknown> {
  const texts = Object.fromEntries(CHILD_FIELDS.map((k) => [k, d[k]])) as Record<
    ChildField,
    string
  >;
  return { person_id: personId, ...filledTexts(texts) };
}

export type ChildCardRecord = Record<ChildField, string | null> & { person_id: string };

/** A stored card; a sensitive line is null when the reader may not see it. */
export function readChildCard(
  data: Record<string, unknown> | null | undefined,
  sensitive: Record<string, unknown> | null | undefined,
): ChildCardRecord {
  const out = { person_id: str(data?.person_id) } as ChildCardRecord;
  for (const key of CHILD_FIELDS) {
    out[key] = SENSITIVE_CHILD_FIELDS.includes(key)
      ? sensitive
        ? str(sensitive[key])
        : null
      : str(data?.[key]);
  }
  return out;
}
