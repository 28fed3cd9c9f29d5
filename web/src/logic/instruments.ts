/**
 * What the three instruments of SPEC §5 without a fixed scale (family card, child card, conflict map) share:
 * the household members they name, and the problems a typed field can have, checked as the server does
 * (app/form_reader.cpp counts a text's length in UTF-8 bytes).
 */
import { ageOn } from './members';

/** SPEC §3: a person is an adult from 18 (the server's lifecycle.adult_age default). */
export const ADULT_AGE = 18;

export interface MemberRef {
  id: string;
  name: string;
  birth_date: string | null;
  household_role: string;
}

export type FieldProblem =
  | 'required'
  | 'tooLong'
  | 'notSingleLine'
  | 'future'
  | 'notNumber'
  | 'outOfRange'
  | 'duplicate'
  | 'tooFew'
  | 'tooMany'
  | 'notMinor'
  | 'empty';

/** Problems by field path ("date", "members.<person id>.income", "parties.2.name"). */
export type FieldErrors = Record<string, FieldProblem>;

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Why a typed text is refused, or undefined: empty when required, longer than `maxBytes`, a line break in a line. */
export function textProblem(
  text: string,
  { required = false, maxBytes = 2000, singleLine = false } = {},
): FieldProblem | undefined {
  const value = text.trim();
  if (value === '') {
    return required ? 'required' : undefined;
  }
  if (utf8Length(value) > maxBytes) {
    return 'tooLong';
  }
  if (singleLine && /[\r\n]/.test(value)) {
    return 'notSingleLine';
  }
  return undefined;
}

/** The record's date: required, not after `today` (YYYY-MM-DD strings compare as dates). */
export function dateProblem(date: string, today: string): FieldProblem | undefined {
  if (date === '') {
    return 'required';
  }
  return date > today ? 'future' : undefined;
}

/** A dated record's errors to start from: its date's problem, if any, under `date`. */
export function datedErrors(date: string, today: string): FieldErrors {
  const problem = dateProblem(date, today);
  return problem ? { date: problem } : {};
}

/** Whether `member` is a minor on `on`: a birth date is needed, as the server checks. */
export function isMinorOn(member: Pick<MemberRef, 'birth_date'>, on: string): boolean {
  return (
    member.birth_date !== null &&
    member.birth_date !== '' &&
    ageOn(member.birth_date, on) < ADULT_AGE
  );
}

/** The text of a stored field, '' for anything that is not a string. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Every text of `texts` trimmed; the non-empty ones kept, as the payload sends them. */
export function filledTexts<K extends string>(
  texts: Record<K, string>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, text] of Object.entries(texts) as [K, string][]) {
    if (text.trim() !== '') {
      out[key] = text.trim();
    }
  }
  return out;
}
