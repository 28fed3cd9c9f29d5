/**
 * A number as a person types or pastes it: "32,5" and "32.5" are 32.5 (a Russian decimal comma),
 * spaces (also non-breaking) between thousands are dropped ("1 250,75" is 1250.75). Returns null for an
 * empty text and NaN for anything that is not one number (two separators, letters), so that a form can
 * tell "not given" from "wrong". Never guesses: "1,250" is 1.25, not 1250.
 */
export function parseDecimal(text: string): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') {
    return null;
  }
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) {
    return Number.NaN;
  }
  return Number(compact.replace(',', '.'));
}

/** parseDecimal, and also NaN for a number with a fraction. */
export function parseWhole(text: string): number | null {
  const value = parseDecimal(text);
  return value !== null && !Number.isInteger(value) ? Number.NaN : value;
}

/** Why a typed number is not accepted, or undefined when it is (an empty text is accepted). */
export function numberProblem(
  text: string,
  { min, max, whole = false }: { min?: number; max?: number; whole?: boolean },
): 'notNumber' | 'notWhole' | 'outOfRange' | undefined {
  const value = parseDecimal(text);
  if (value === null) {
    return undefined;
  }
  if (Number.isNaN(value)) {
    return 'notNumber';
  }
  if (whole && !Number.isInteger(value)) {
    return 'notWhole';
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return 'outOfRange';
  }
  return undefined;
}

/** `value` as the app's language writes it: "32,5" in Russian, "32.5" in English; no grouping. */
export function formatDecimal(value: number, language: string): string {
  const text = String(value);
  return language.startsWith('ru') ? text.replace('.', ',') : text;
}
