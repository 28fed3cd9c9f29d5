import type { AgreementInput, Signatory } from '../api/agreements';
import { isIsoDay } from './dates';

export interface AgreementDraft {
  signed_on: string;
  valid_from: string;
  valid_until: string;
  family_duties: string;
  service_duties: string;
  family_rights: string;
  service_rights: string;
  signatories: string;
}

export type AgreementField = keyof AgreementDraft;
export type AgreementErrors = Partial<Record<AgreementField, 'required' | 'invalidDate' | 'order'>>;

/** Non-empty trimmed lines of a text area. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** "Смирнова Т. А., мать" → { name: "Смирнова Т. А.", role: "мать" }: the role follows the first comma. */
export function parseSignatories(text: string): Signatory[] {
  return lines(text).map((line) => {
    const comma = line.indexOf(',');
    if (comma < 0) {
      return { name: line };
    }
    const name = line.slice(0, comma).trim();
    const role = line.slice(comma + 1).trim();
    return role === '' ? { name } : { name, role };
  });
}

/** Errors of the agreement form as the user types (the server checks again). */
export function validateAgreement(draft: AgreementDraft): AgreementErrors {
  const errors: AgreementErrors = {};
  for (const field of ['signed_on', 'valid_from', 'valid_until'] as const) {
    if (draft[field] === '') {
      errors[field] = 'required';
    } else if (!isIsoDay(draft[field])) {
      errors[field] = 'invalidDate';
    }
  }
  if (!errors.valid_from && !errors.valid_until && draft.valid_until < draft.valid_from) {
    errors.valid_until = 'order';
  }
  if (parseSignatories(draft.signatories).length === 0) {
    errors.signatories = 'required';
  }
  return errors;
}

export function agreementInput(draft: AgreementDraft): AgreementInput {
  return {
    signed_on: draft.signed_on,
    valid_from: draft.valid_from,
    valid_until: draft.valid_until,
    family_duties: lines(draft.family_duties),
    service_duties: lines(draft.service_duties),
    family_rights: lines(draft.family_rights),
    service_rights: lines(draft.service_rights),
    signatories: parseSignatories(draft.signatories),
  };
}

/** The same day `months` later, clamped to the month's end (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}
