import { isIsoDay } from './dates';

export interface ContactDraft {
  on: string;
  minutes: number | string;
  what: string;
}

export type ContactErrors = Partial<Record<keyof ContactDraft, 'required' | 'invalid'>>;

/** A volunteer's contact record (SPEC §9): a real date, 1..1440 minutes, what was done. */
export function validateContact(draft: ContactDraft): ContactErrors {
  const errors: ContactErrors = {};
  if (!isIsoDay(draft.on)) {
    errors.on = draft.on === '' ? 'required' : 'invalid';
  }
  const minutes = typeof draft.minutes === 'number' ? draft.minutes : Number.NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    errors.minutes = draft.minutes === '' ? 'required' : 'invalid';
  }
  if (draft.what.trim() === '') {
    errors.what = 'required';
  }
  return errors;
}

/** Newest first. */
export function sortContacts<T extends { on: string }>(contacts: T[]): T[] {
  return [...contacts].sort((a, b) => b.on.localeCompare(a.on));
}
