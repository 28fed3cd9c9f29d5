import { describe, expect, it, vi, beforeEach } from 'vitest';
import ru from '../locales/ru.json';
import en from '../locales/en.json';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    return [prefix];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

async function freshI18n() {
  vi.resetModules();
  return import('./index');
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('i18n', () => {
  it('starts in Russian when nothing is remembered, whatever the browser says', async () => {
    const { default: i18n, currentLanguage } = await freshI18n();
    expect(currentLanguage()).toBe('ru');
    expect(i18n.t('app.name')).toBe('Патронаж');
    expect(i18n.t('signIn.submit')).toBe('Войти');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('switches to English and remembers the choice', async () => {
    const { default: i18n, setLanguage, LANGUAGE_STORAGE_KEY } = await freshI18n();
    await setLanguage('en');
    expect(i18n.t('app.name')).toBe('Patronage');
    expect(i18n.t('nav.worklist')).toBe('Work list');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    const again = await freshI18n();
    expect(again.currentLanguage()).toBe('en');
    expect(again.default.t('app.name')).toBe('Patronage');
  });

  it('ignores an unknown remembered language', async () => {
    window.localStorage.setItem('patronage.language', 'de');
    const { currentLanguage } = await freshI18n();
    expect(currentLanguage()).toBe('ru');
  });

  it('has the same keys in ru.json and en.json, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
    for (const catalogue of [ru, en]) {
      for (const key of keys(catalogue)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof value === 'string' && value.trim() !== '', key).toBe(true);
      }
    }
  });
});
