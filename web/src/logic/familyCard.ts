/** SPEC §5: the family card — composition, each member's employment, income, education, health, habits and relations; norms and strengths. */
import { numberProblem, parseDecimal } from './numbers';
import {
  datedErrors,
  filledTexts,
  str,
  textProblem,
  type FieldErrors,
  type MemberRef,
} from './instruments';

/** A member's lines in the order of the form and the printed card; `health` is sensitive (SPEC §11). */
export const MEMBER_FIELDS = [
  'employment',
  'income',
  'education',
  'health',
  'habits',
  'relations',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];
type MemberText = Exclude<MemberField, 'income'>;

/** The family's own lines (server limit 4000 bytes each). */
export const FAMILY_FIELDS = ['composition', 'norms', 'strengths'] as const;
export type FamilyField = (typeof FAMILY_FIELDS)[number];

export type FamilyMemberDraft = Record<MemberField, string>;

export interface FamilyCardDraft {
  date: string;
  composition: string;
  norms: string;
  strengths: string;
  /** By person id; a member not typed for has no entry. */
  members: Record<string, FamilyMemberDraft>;
}

export const EMPTY_MEMBER: FamilyMemberDraft = {
  employment: '',
  income: '',
  education: '',
  health: '',
  habits: '',
  relations: '',
};

export function emptyFamilyCard(date: string): FamilyCardDraft {
  return { date, composition: '', norms: '', strengths: '', members: {} };
}

/** The server's limits (app/assessment_forms.cpp): income 0..1e9, texts 2000 bytes, family lines 4000. */
export function validateFamilyCard(
  d: FamilyCardDraft,
  members: Pick<MemberRef, 'id'>[],
  today: string,
): FieldErrors {
  const errors = datedErrors(d.date, today);
  let typed = false;
  for (const key of FAMILY_FIELDS) {
    typed ||= d[key].trim() !== '';
    const problem = textProblem(d[key], { maxBytes: 4000 });
    if (problem) {
      errors[key] = problem;
    }
  }
  for (const m of members) {
    const draft = d.members[m.id];
    if (!draft) {
      continue;
    }
    for (const key of MEMBER_FIELDS) {
      typed ||= draft[key].trim() !== '';
      const problem =
        key === 'income'
          ? numberProblem(draft.income, { min: 0, max: 1e9 })
          : textProblem(draft[key]);
      if (problem) {
        errors[`members.${m.id}.${key}`] = problem === 'notWhole' ? 'notNumber' : problem;
      }
    }
  }
  if (!typed) {
    errors.form = 'empty';
  }
  return errors;
}

/** The `data` to POST: every member of the household at the time, with what was typed for them. */
export function familyCardPayload(
  d: FamilyCardDraft,
  members: Pick<MemberRef, 'id'>[],
): Record<string, unknown> {
  return {
    ...filledTexts({ composition: d.composition, norms: d.norms, strengths: d.strengths }),
    members: members.map((m) => {
      const draft = d.members[m.id] ?? EMPTY_MEMBER;
      const income = parseDecimal(draft.income);
      const texts = Object.fromEntries(
        MEMBER_FIELDS.filter((k) => k !== 'income').map((k) => [k, draft[k]]),
      ) as Record<MemberText, string>;
      return {
        person_id: m.id,
        ...filledTexts(texts),
        ...(income !== null && !Number.isNaN(income) ? { income } : {}),
      };
    }),
  };
}

export interface FamilyMemberRecord {
  person_id: string;
  employment: string;
  income: number | null;
  education: string;
  /** null: the reader may not see health (the server sent no sensitive part). */
  health: string | null;
  habits: string;
  relations: string;
}

export interface FamilyCardRecord {
  composition: string;
  norms: string;
  strengths: string;
  members: FamilyMemberRecord[];
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

/** A stored card, read defensively; each member's health joined from the sensitive part by person id. */
export function readFamilyCard(
  data: Record<string, unknown> | null | undefined,
  sensitive: Record<string, unknown> | null | undefined,
): FamilyCardRecord {
  const secrets = sensitive ? objects(sensitive.members) : null;
  return {
    composition: str(data?.composition),
    norms: str(data?.norms),
    strengths: str(data?.strengths),
    members: objects(data?.members)
      .filter((m) => str(m.person_id) !== '')
      .map((m, i) => {
        const id = str(m.person_id);
        // The server keeps the sensitive part index by index, naming the person where there is health.
        const secret =
          secrets?.find((s) => str(s.person_id) === id) ??
          (str(secrets?.[i]?.person_id) === '' ? secrets?.[i] : undefined);
        const texts = Object.fromEntries(
          (['employment', 'education', 'habits', 'relations'] as MemberText[]).map((k) => [
            k,
            str(m[k]),
          ]),
        ) as Record<Exclude<MemberText, 'health'>, string>;
        return {
          person_id: id,
          ...texts,
          income: typeof m.income === 'number' ? m.income : null,
          health: secrets === null ? null : str(secret?.health),
        };
      }),
  };
}

/** Income as the app's language writes money: "25 000,5". */
export function formatIncome(value: number | null, language: string): string {
  if (value === null) {
    return '';
  }
  return new Intl.NumberFormat(language.startsWith('ru') ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(value);
}
