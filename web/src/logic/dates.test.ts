import { describe, expect, it } from 'vitest';
import { dayInputFormat, parseDayInput } from './dates';

describe('parseDayInput', () => {
  it('reads a date typed day first, as Russian and British users write it', () => {
    expect(parseDayInput('05.03.2026')).toBe('2026-03-05');
    expect(parseDayInput('5.3.2026')).toBe('2026-03-05');
    expect(parseDayInput('05/03/2026')).toBe('2026-03-05');
    expect(parseDayInput(' 12-05-2026 ')).toBe('2026-05-12');
  });

  it('never reads the browser-style month first (12/05 is the 12th of May)', () => {
    expect(parseDayInput('12/05/2026')).toBe('2026-05-12');
    expect(parseDayInput('05/13/2026')).toBeNull();
  });

  it('keeps an ISO date and refuses days that do not exist', () => {
    expect(parseDayInput('2026-03-05')).toBe('2026-03-05');
    expect(parseDayInput('31.04.2026')).toBeNull();
    expect(parseDayInput('29.02.2025')).toBeNull();
    expect(parseDayInput('')).toBeNull();
    expect(parseDayInput('вчера')).toBeNull();
  });

  it('puts a two-digit year in the past century when it would be in the future', () => {
    expect(parseDayInput('17.04.88', '2026-12-05')).toBe('1988-04-17');
    expect(parseDayInput('01.02.18', '2026-12-05')).toBe('2018-02-01');
  });

  it('formats by the app language', () => {
    expect(dayInputFormat('ru')).toBe('DD.MM.YYYY');
    expect(dayInputFormat('en')).toBe('DD/MM/YYYY');
  });
});
