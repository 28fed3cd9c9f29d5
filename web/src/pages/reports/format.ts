import type { TFunction } from 'i18next';
import type { ReportCell } from '../../api/reports';
import { enumLabel, formatDate, type EnumSection } from '../../components/labels';
import { isIsoDate } from '../../logic/reports';

/** Which catalogue names the codes of a report column (the server may also send words). */
const SECTION_OF_COLUMN: Record<string, EnumSection> = {
  state: 'caseStates',
  case_state: 'caseStates',
  category: 'categories',
  patronage_type: 'patronageTypes',
  type: 'patronageTypes',
  risk: 'riskLevels',
  risk_level: 'riskLevels',
  level: 'riskLevels',
  intensity: 'intensity',
  kind: 'visitKinds',
  visit_kind: 'visitKinds',
  source: 'sources',
  urgency: 'urgency',
  unit_kind: 'unitKinds',
};

const OUTCOMES = ['improved', 'unchanged', 'worse'] as const;

/** A text cell for people: codes become words, dates are spelled out. */
export function cellText(
  t: TFunction,
  language: string,
  columnKey: string,
  value: ReportCell,
): string {
  if (value === null) {
    return '—';
  }
  if (typeof value === 'number') {
    return formatNumber(value, language);
  }
  if (isIsoDate(value)) {
    return formatDate(value, language);
  }
  if ((OUTCOMES as readonly string[]).includes(value)) {
    return t(`dashboard.outcomes.${value as (typeof OUTCOMES)[number]}`);
  }
  const section = SECTION_OF_COLUMN[columnKey];
  return section ? enumLabel(t, section, value) : value;
}

/** Numbers in the page's language: grouped thousands, at most two decimals. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    maximumFractionDigits: 2,
  }).format(value);
}
