import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../api/cases';
import i18n from '../i18n';
import dayjs from 'dayjs';
import { caseStateLabel, formatDate, withHumanDates } from './labels';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// The server's catalogue: its reports (dashboard tables, charts, downloads) name states with these.
const server = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, 'locales', 'server', `${lang}.json`), 'utf8')) as Record<
    string,
    string
  >;

// Issue 13 point 14: one name per case state in lists, the case page, the dashboard and exports.
describe('case state vocabulary', () => {
  it.each(['ru', 'en'])('names every state as the server reports do (%s)', (lang) => {
    const t = i18n.getFixedT(lang);
    const catalogue = server(lang);
    for (const state of CASE_STATES) {
      expect(caseStateLabel(t, state), state).toBe(catalogue[`report.state.${state}`]);
    }
  });

  it('names an unknown state in words, not by its code', () => {
    expect(caseStateLabel(i18n.getFixedT('ru'), 'frozen')).toBe('Неизвестное состояние');
  });
});

// Issue 13 point 8 and the Russian walk: a server's sentence never shows an ISO date.
describe('dates inside server messages', () => {
  it('writes an ISO date inside a sentence as people write it', () => {
    expect(
      withHumanDates(
        'Смирнов — При посещении 2026-11-25 отмечена угроза безопасности ребёнка',
        'ru',
      ),
    ).toBe('Смирнов — При посещении 25 ноября 2026 отмечена угроза безопасности ребёнка');
    expect(withHumanDates('Visit on 2026-11-25 raised a concern', 'en')).toBe(
      'Visit on 25 November 2026 raised a concern',
    );
  });

  it('leaves case numbers and impossible dates alone', () => {
    expect(withHumanDates('Случай № 2026-0042', 'ru')).toBe('Случай № 2026-0042');
    expect(withHumanDates('срок 2026-13-45', 'ru')).toBe('срок 2026-13-45');
  });
});

describe('formatDate', () => {
  it.each(['ru', 'en'])('writes a calendar day as dayjs does, every month (%s)', (lang) => {
    for (const day of ['2026-01-01', '2026-02-28', '2024-02-29', '1988-04-17', '2026-12-31']) {
      for (let month = 1; month <= 12; month++) {
        const iso = `${day.slice(0, 5)}${String(month).padStart(2, '0')}${day.slice(7)}`;
        const expected = dayjs(iso).locale(lang).format('D MMMM YYYY');
        if (expected !== 'Invalid Date' && dayjs(iso).format('YYYY-MM-DD') === iso) {
          expect(formatDate(iso, lang)).toBe(expected);
        }
      }
    }
    expect(formatDate('2026-11-25', 'ru')).toBe('25 ноября 2026');
    expect(formatDate('2026-11-25', 'en')).toBe('25 November 2026');
  });

  it('leaves anything else to dayjs', () => {
    expect(formatDate('2026-11-25T10:00:00Z', 'ru')).toBe(
      dayjs('2026-11-25T10:00:00Z').locale('ru').format('D MMMM YYYY'),
    );
    expect(formatDate('2026-02-30', 'ru')).toBe(
      dayjs('2026-02-30').locale('ru').format('D MMMM YYYY'),
    );
    expect(formatDate('', 'ru')).toBe('');
    expect(formatDate(null, 'ru')).toBe('');
  });
});
