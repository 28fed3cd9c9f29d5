import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import ru from '../locales/ru.json';

export type EnumSection =
  | 'caseStates'
  | 'transitionTo'
  | 'sources'
  | 'urgency'
  | 'outcomes'
  | 'decisionBodies'
  | 'decisionKinds'
  | 'patronageTypes'
  | 'intensity'
  | 'consentScopes'
  | 'householdRoles'
  | 'sexes'
  | 'categories'
  | 'unitKinds'
  | 'relations'
  | 'riskDomains'
  | 'riskLevels'
  | 'assessmentKinds'
  | 'nodeKinds'
  | 'tieStrengths'
  | 'tieSupports'
  | 'trends'
  | 'visitKinds'
  | 'visitStatuses'
  | 'measureStatuses'
  | 'planTerms'
  | 'responsibleKinds';

/** The translated name of a server code; the code itself when the catalogue lacks it. */
export function enumLabel(t: TFunction, section: EnumSection, value: string): string {
  const catalogue = ru[section] as Record<string, string>;
  return Object.hasOwn(catalogue, value) ? t(`${section}.${value}` as never) : value;
}

/**
 * The one name of a case state (SPEC §3) in lists, the case page, the
 * dashboard and search: the same words the server's reports and exports use.
 */
export function caseStateLabel(t: TFunction, state: string): string {
  return Object.hasOwn(ru.caseStates, state)
    ? t(`caseStates.${state}` as never)
    : t('caseStates.unknown');
}

/** Options for a select of `values` from `section`. */
export function enumOptions(
  t: TFunction,
  section: EnumSection,
  values: readonly string[],
): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: enumLabel(t, section, value) }));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The month's name after a day number ("апреля"), per language and month: dayjs' own words, looked up once. */
const monthNames = new Map<string, string>();

function monthAfterDay(language: string, month: number): string {
  const key = `${language} ${month}`;
  let name = monthNames.get(key);
  if (name === undefined) {
    name = dayjs(new Date(2000, month - 1, 15))
      .locale(language)
      .format('D MMMM')
      .slice('15 '.length);
    monthNames.set(key, name);
  }
  return name;
}

/**
 * A calendar date (YYYY-MM-DD or an instant) for people: "17 апреля 1988". A calendar day is written without dayjs'
 * parse and format, which cost a phone-class CPU about 2 ms a date (issue 14: the visit cards), in the same words.
 */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) {
    return '';
  }
  const day = ISO_DAY.exec(value);
  if (day) {
    const [, year, month, date] = day.map(Number) as [number, number, number, number];
    // A day that does not exist (2026-02-30) is left to dayjs, which carries it over into the next month.
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month >= 1 && month <= 12 && date >= 1 && date <= days && year >= 1000) {
      return `${date} ${monthAfterDay(language, month)} ${day[1]}`;
    }
  }
  return dayjs(value).locale(language).format('D MMMM YYYY');
}

/**
 * A server's sentence with the calendar dates in it written for people: "При посещении 2026-11-25
 * отмечена угроза" → "При посещении 25 ноября 2026 отмечена угроза". The server composes some
 * messages (work list items, risk reasons, warnings) with ISO dates inside.
 */
export function withHumanDates(text: string, language: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso, y: string, m: string, d: string) => {
    const day = dayjs(`${y}-${m}-${d}`);
    return day.isValid() && day.format('YYYY-MM-DD') === iso ? formatDate(iso, language) : iso;
  });
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) {
    return '';
  }
  return dayjs(value).locale(language).format('D MMMM YYYY, HH:mm');
}

export const STATE_COLORS: Record<string, string> = {
  signal: 'gray',
  assessment: 'cyan',
  awaiting_decision: 'yellow',
  active: 'green',
  closing: 'indigo',
  supervision: 'teal',
  closed: 'dark',
  rejected: 'red',
};
