import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import ru from '../../locales/ru.json';
import { cellText, formatNumber } from './format';

describe('report cells for people', () => {
  const t = i18n.getFixedT('ru');

  it('turns codes into words, and keeps words the server already chose', () => {
    expect(cellText(t, 'ru', 'state', 'active')).toBe(ru.caseStates.active);
    expect(cellText(t, 'ru', 'category', 'large_family')).toBe('Многодетная');
    expect(cellText(t, 'ru', 'outcome', 'improved')).toBe('Улучшение');
    expect(cellText(t, 'ru', 'state', 'Активный патронаж')).toBe('Активный патронаж');
    expect(cellText(t, 'ru', 'specialist', 'Иванова М. П.')).toBe('Иванова М. П.');
  });

  it('spells out dates and numbers, and shows a dash for nothing', () => {
    expect(cellText(t, 'ru', 'closed_on', '2026-03-05')).toBe('5 марта 2026');
    expect(cellText(t, 'ru', 'cost', 12345.5)).toBe(formatNumber(12345.5, 'ru'));
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(0.333, 'ru')).toBe('0,33');
    expect(cellText(t, 'ru', 'average_days', null)).toBe('—');
  });
});
