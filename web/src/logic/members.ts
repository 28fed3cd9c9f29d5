import type { Person, PersonInput } from '../api/households';
import type { SignalPerson } from '../api/signals';
import { isIsoDay } from './dates';
import type { FormErrors } from './forms';

/** app/households.cpp k_categories: the household categories the server accepts. */
export const HOUSEHOLD_CATEGORIES = [
  'low_income',
  'large_family',
  'single_parent',
  'child_with_disability',
  'guardian_family',
  'adult_with_disability',
  'elderly_alone',
  'addiction',
  'juvenile_police_registration',
  'pregnant_in_difficulty',
  'refugee_or_migrant',
] as const;

export interface MemberDraft {
  /** For a person named in a signal: whether to add them to the new household. */
  include: boolean;
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string;
  sex: string;
  household_role: string;
  phone: string;
  school: string;
  employment: string;
  disability: boolean;
  pregnant: boolean;
  pregnancy_due: string;
}

export const EMPTY_MEMBER: MemberDraft = {
  include: true,
  last_name: '',
  first_name: '',
  patronymic: '',
  birth_date: '',
  sex: '',
  household_role: '',
  phone: '',
  school: '',
  employment: '',
  disability: false,
  pregnant: false,
  pregnancy_due: '',
};

/** Whole years from `birth` (YYYY-MM-DD) to `today`. */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/**
 * A first guess of the sex from a Russian patronymic ("…вна", "…вич") or surname ("…ова", "…ин");
 * '' when the name does not tell. Only a pre-filled value: the worker confirms it.
 */
export function guessSex(p: Pick<SignalPerson, 'last_name' | 'patronymic'>): string {
  const patronymic = p.patronymic.trim().toLowerCase();
  if (/(вна|чна|кызы)$/.test(patronymic)) return 'female';
  if (/(вич|ич|оглы)$/.test(patronymic)) return 'male';
  const last = p.last_name.trim().toLowerCase();
  if (/(ова|ева|ёва|ина|ына|ская|цкая)$/.test(last)) return 'female';
  if (/(ов|ев|ёв|ин|ын|ский|цкий)$/.test(last)) return 'male';
  return '';
}

/** A person named in a signal as a member to add: a minor is a child, everything else is confirmed. */
export function memberFromSignal(p: SignalPerson, today: string): MemberDraft {
  const birth = p.birth_date ?? '';
  const minor = birth !== '' && isIsoDay(birth) && ageOn(birth, today) < 18;
  return {
    ...EMPTY_MEMBER,
    last_name: p.last_name,
    first_name: p.first_name,
    patronymic: p.patronymic,
    birth_date: birth,
    sex: guessSex(p),
    household_role: minor ? 'child' : '',
  };
}

export function memberFromPerson(p: Person): MemberDraft {
  return {
    include: true,
    last_name: p.last_name,
    first_name: p.first_name,
    patronymic: p.patronymic,
    birth_date: p.birth_date ?? '',
    sex: p.sex,
    household_role: p.household_role,
    phone: p.phone,
    school: p.school,
    employment: p.employment,
    disability: p.disability,
    pregnant: p.pregnant,
    pregnancy_due: p.pregnancy_due ?? '',
  };
}

export type MemberField = 'last_name' | 'first_name' | 'sex' | 'household_role' | 'birth_date';

export function validateMember(m: MemberDraft, today: string): FormErrors<MemberField> {
  const errors: FormErrors<MemberField> = {};
  if (m.last_name.trim() === '') errors.last_name = 'required';
  if (m.first_name.trim() === '') errors.first_name = 'required';
  if (m.sex === '') errors.sex = 'required';
  if (m.household_role === '') errors.household_role = 'required';
  if (m.birth_date !== '') {
    if (!isIsoDay(m.birth_date)) errors.birth_date = 'dateInvalid';
    else if (m.birth_date > today) errors.birth_date = 'dateInFuture';
  }
  return errors;
}

/** The body of POST /households/{id}/persons (and of PATCH /persons/{id} without its version). */
export function memberPayload(m: MemberDraft): PersonInput {
  return {
    last_name: m.last_name.trim(),
    first_name: m.first_name.trim(),
    patronymic: m.patronymic.trim(),
    ...(m.birth_date !== '' ? { birth_date: m.birth_date } : {}),
    sex: m.sex,
    household_role: m.household_role,
    phone: m.phone.trim(),
    school: m.school.trim(),
    employment: m.employment.trim(),
    disability: m.disability,
    pregnant: m.pregnant,
    ...(m.pregnant && m.pregnancy_due !== '' ? { pregnancy_due: m.pregnancy_due } : {}),
  };
}

/**
 * SPEC §3: a minor consents through a legal representative, and parents are their children's
 * representatives by law. For each adult mother or father among `members` (by index), the indexes
 * of the minor children among them; a guardian or a grandparent is set by hand, not guessed.
 */
export function parentsOfMinors(
  members: Pick<MemberDraft, 'household_role' | 'birth_date'>[],
  today: string,
): Map<number, number[]> {
  const minor = (m: Pick<MemberDraft, 'birth_date'>) =>
    isIsoDay(m.birth_date) && ageOn(m.birth_date, today) < 18;
  const children = members.flatMap((m, i) => (m.household_role === 'child' && minor(m) ? [i] : []));
  const parents = new Map<number, number[]>();
  members.forEach((m, i) => {
    if (['mother', 'father'].includes(m.household_role) && !minor(m) && children.length > 0) {
      parents.set(i, children);
    }
  });
  return parents;
}
