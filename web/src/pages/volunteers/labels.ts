import type { TFunction } from 'i18next';
import ru from '../../locales/ru.json';

export const STATUS_COLORS: Record<string, string> = {
  candidate: 'gray',
  trained: 'blue',
  active: 'green',
  paused: 'yellow',
  left: 'red',
};

function known(section: Record<string, string>, code: string): boolean {
  return Object.hasOwn(section, code);
}

export function statusLabel(t: TFunction, status: string): string {
  return known(ru.volunteers.statuses, status)
    ? t(`volunteers.statuses.${status}` as never)
    : status;
}

/** A skill, interest, language or course code in words; the code itself when unknown. */
export function codeLabel(t: TFunction, code: string): string {
  return known(ru.volunteers.codes, code) ? t(`volunteers.codes.${code}` as never) : code;
}

export function codeList(t: TFunction, codes: string[] | undefined): string {
  return codes && codes.length > 0 ? codes.map((c) => codeLabel(t, c)).join(', ') : '—';
}
