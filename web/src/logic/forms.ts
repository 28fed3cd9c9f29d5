import { isIsoDay } from './dates';
import { validateMember, type MemberDraft, type MemberField } from './members';

/** Why a field is not accepted; shown as t(`validation.${code}`). */
export type FieldProblem =
  | 'required'
  | 'dateInvalid'
  | 'dateInFuture'
  | 'dateNotAfter'
  | 'dateTimeInvalid'
  | 'lastNameRequired';

export type FormErrors<F extends string> = Partial<Record<F, FieldProblem>>;

export function hasErrors(errors: Record<string, unknown>): boolean {
  return Object.values(errors).some((value) => value !== undefined);
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** An optional date: empty, or a real date not after `today`. */
function pastDate(text: string, today: string): FieldProblem | undefined {
  if (text === '') {
    return undefined;
  }
  if (!isIsoDay(text)) {
    return 'dateInvalid';
  }
  return text > today ? 'dateInFuture' : undefined;
}

function requiredPastDate(text: string, today: string): FieldProblem | undefined {
  return text === '' ? 'required' : pastDate(text, today);
}

export interface PersonDraft {
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string;
}

export const EMPTY_PERSON: PersonDraft = {
  last_name: '',
  first_name: '',
  patronymic: '',
  birth_date: '',
};

export function isPersonEmpty(p: PersonDraft): boolean {
  return blank(p.last_name) && blank(p.first_name) && blank(p.patronymic) && p.birth_date === '';
}

/** The person's name and birth date are enough to look for duplicates. */
export function worthDuplicateSearch(p: PersonDraft): boolean {
  return p.last_name.trim().length >= 2 || (p.birth_date !== '' && isIsoDay(p.birth_date));
}

export interface SignalDraft {
  received_at: string;
  source: string;
  source_details: string;
  urgency: string;
  reported: string;
  address: string;
  persons: PersonDraft[];
}

export type SignalField = 'received_at' | 'source' | 'urgency' | 'reported';

export interface SignalErrors extends FormErrors<SignalField> {
  persons: FormErrors<'last_name' | 'birth_date'>[];
}

export function validateSignal(d: SignalDraft, today: string): SignalErrors {
  const errors: SignalErrors = { persons: [] };
  if (d.received_at === '') {
    errors.received_at = 'required';
  } else if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(d.received_at)) {
    errors.received_at = 'dateTimeInvalid';
  } else if (d.received_at.slice(0, 10) > today) {
    errors.received_at = 'dateInFuture';
  }
  if (blank(d.source)) {
    errors.source = 'required';
  }
  if (blank(d.urgency)) {
    errors.urgency = 'required';
  }
  if (blank(d.reported)) {
    errors.reported = 'required';
  }
  errors.persons = d.persons.map((p) => {
    const e: FormErrors<'last_name' | 'birth_date'> = {};
    if (!isPersonEmpty(p) && blank(p.last_name)) {
      e.last_name = 'lastNameRequired';
    }
    const birth = pastDate(p.birth_date, today);
    if (birth) {
      e.birth_date = birth;
    }
    return e;
  });
  return errors;
}

/**
 * A form's problems with those of each row of its list as fields of their own, named as the
 * server names them (`persons[0].last_name`): the flat shape useValidatedForm takes.
 */
export function flatProblems(
  fields: Record<string, FieldProblem | undefined>,
  list: string,
  rows: Record<string, FieldProblem | undefined>[],
): Record<string, FieldProblem | undefined> {
  const out = { ...fields };
  rows.forEach((row, index) => {
    for (const [field, problem] of Object.entries(row)) {
      out[`${list}[${index}].${field}`] = problem;
    }
  });
  return out;
}

export function signalProblems({ persons, ...fields }: SignalErrors) {
  return flatProblems(fields, 'persons', persons);
}

export interface ConsentDraft {
  signed_by: string;
  covers: string[];
  scope: string;
  signed_on: string;
  valid_until: string;
}

export function validateConsent(
  d: ConsentDraft,
  today: string,
): FormErrors<'signed_by' | 'scope' | 'signed_on' | 'valid_until'> {
  const errors: FormErrors<'signed_by' | 'scope' | 'signed_on' | 'valid_until'> = {};
  if (blank(d.signed_by)) {
    errors.signed_by = 'required';
  }
  if (blank(d.scope)) {
    errors.scope = 'required';
  }
  const signed = requiredPastDate(d.signed_on, today);
  if (signed) {
    errors.signed_on = signed;
  }
  if (d.valid_until !== '') {
    if (!isIsoDay(d.valid_until)) {
      errors.valid_until = 'dateInvalid';
    } else if (d.signed_on !== '' && d.valid_until <= d.signed_on) {
      errors.valid_until = 'dateNotAfter';
    }
  }
  return errors;
}

export interface DecisionDraft {
  body: string;
  meeting_date: string;
  protocol_number: string;
  members_present: string;
  kind: string;
  patronage_types: string[];
  lead_specialist_id: string;
  intensity: string;
  planned_end: string;
  grounds: string;
}

export type DecisionField =
  | 'body'
  | 'meeting_date'
  | 'protocol_number'
  | 'members_present'
  | 'kind'
  | 'patronage_types'
  | 'lead_specialist_id'
  | 'intensity'
  | 'planned_end'
  | 'grounds';

/** One member per line, blank lines dropped. */
export function memberLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** SPEC §6 and the server's rules for a decision: a register decision names lead, types and intensity. */
export function validateDecision(d: DecisionDraft, today: string): FormErrors<DecisionField> {
  const errors: FormErrors<DecisionField> = {};
  if (blank(d.body)) {
    errors.body = 'required';
  }
  const meeting = requiredPastDate(d.meeting_date, today);
  if (meeting) {
    errors.meeting_date = meeting;
  }
  if (blank(d.protocol_number)) {
    errors.protocol_number = 'required';
  }
  if (memberLines(d.members_present).length === 0) {
    errors.members_present = 'required';
  }
  if (blank(d.kind)) {
    errors.kind = 'required';
  }
  if (blank(d.grounds)) {
    errors.grounds = 'required';
  }
  if (d.kind === 'register_case') {
    if (blank(d.lead_specialist_id)) {
      errors.lead_specialist_id = 'required';
    }
    if (blank(d.intensity)) {
      errors.intensity = 'required';
    }
    if (d.patronage_types.length === 0) {
      errors.patronage_types = 'required';
    }
    if (d.intensity === 'intensive' && d.planned_end === '') {
      errors.planned_end = 'required';
    }
  }
  if (d.kind === 'extend' && d.planned_end === '') {
    errors.planned_end = 'required';
  }
  if (d.planned_end !== '' && errors.planned_end === undefined) {
    if (!isIsoDay(d.planned_end)) {
      errors.planned_end = 'dateInvalid';
    } else if (d.meeting_date !== '' && d.planned_end <= d.meeting_date) {
      errors.planned_end = 'dateNotAfter';
    }
  }
  return errors;
}

export interface TriageDraft {
  outcome: string;
  reason: string;
  /** For open_case: an existing household id, or '' to create one. */
  household_id: string;
  new_address: string;
  /** Everyone the signal names, and anyone added: the members of a new household (issue 13). */
  persons: MemberDraft[];
}

export type TriageField = 'outcome' | 'reason' | 'household_id' | 'new_address' | 'persons';

export interface TriageErrors extends FormErrors<TriageField> {
  members: FormErrors<MemberField>[];
}

/** A new household needs an address and at least one member; each member kept is checked. */
export function validateTriage(d: TriageDraft, today: string): TriageErrors {
  const errors: TriageErrors = { members: [] };
  if (blank(d.outcome)) {
    errors.outcome = 'required';
  }
  if (blank(d.reason)) {
    errors.reason = 'required';
  }
  if (d.outcome === 'open_case' && d.household_id === '') {
    if (blank(d.new_address)) {
      errors.new_address = 'required';
    }
    if (!d.persons.some((p) => p.include)) {
      errors.persons = 'required';
    }
    errors.members = d.persons.map((p) => (p.include ? validateMember(p, today) : {}));
  }
  return errors;
}

export function triageProblems({ members, ...fields }: TriageErrors) {
  return flatProblems(fields, 'members', members);
}

export interface UserDraft {
  login: string;
  full_name: string;
  role: string;
  unit_id: string;
  password: string;
}

export function validateUser(
  d: UserDraft,
): FormErrors<'login' | 'full_name' | 'role' | 'unit_id' | 'password'> {
  const errors: FormErrors<'login' | 'full_name' | 'role' | 'unit_id' | 'password'> = {};
  if (blank(d.login)) {
    errors.login = 'required';
  }
  if (blank(d.full_name)) {
    errors.full_name = 'required';
  }
  if (blank(d.role)) {
    errors.role = 'required';
  }
  if (blank(d.unit_id)) {
    errors.unit_id = 'required';
  }
  // The length and strength policy is the server's (a setting): it answers with field errors.
  if (d.password === '') {
    errors.password = 'required';
  }
  return errors;
}
