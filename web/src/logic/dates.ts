/** `date` as YYYY-MM-DD in local time (the calendar day the user sees). */
export function isoDay(date: Date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A datetime-local value (YYYY-MM-DDTHH:mm) as an ISO instant with the user's offset, for the server. */
export function localDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Now as a datetime-local value. */
export function nowLocalDateTime(now: Date = new Date()): string {
  const hh = String(now.getHours()).padStart(2, '0');
  const mm = String(now.getMinutes()).padStart(2, '0');
  return `${isoDay(now)}T${hh}:${mm}`;
}

/** How a calendar date is typed in a date field, by the app's language (not the browser's). */
export function dayInputFormat(language: string): string {
  return language.startsWith('en') ? 'DD/MM/YYYY' : 'DD.MM.YYYY';
}

/**
 * A date as a person types it — "5.3.2026", "05.03.2026", "05/03/2026", "5-3-26" (day first, as both
 * languages of the app write it) or "2026-03-05" — as YYYY-MM-DD; null for anything else or a day that
 * does not exist. A two-digit year is taken as 20YY when that is not in the future, else 19YY.
 */
export function parseDayInput(text: string, today: string = isoDay()): string | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(value);
  let y: number;
  let m: number;
  let d: number;
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dayFirst) {
    const year = dayFirst[3] ?? '';
    [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(year)];
    if (year.length === 2) {
      const century = Number(today.slice(0, 2)) * 100;
      y = century + y > Number(today.slice(0, 4)) ? century - 100 + y : century + y;
    }
  } else {
    return null;
  }
  const out = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDay(out) ? out : null;
}
