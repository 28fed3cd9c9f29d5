import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, ru } from 'virtual:sign-in-locales';

/*
 * i18next with the texts of the sign-in page only (vite.config.ts picks them from
 * src/locales/*.json at build time): what the first download of a phone needs (issue 13
 * point 13). `./index.ts` adds the whole catalogues; the app and the tests import that.
 */

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

/** localStorage key that remembers the user's choice across visits. */
export const LANGUAGE_STORAGE_KEY = 'patronage.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered language, or Russian when nothing valid is stored. */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be disabled (private mode, policy); fall back to the default.
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: string): void {
  const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is acceptable; the switch still works.
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    ru: { translation: ru },
    en: { translation: en },
  },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
  // Resources are given inline: init completes synchronously, the first render has its texts.
  initAsync: false,
});

i18n.on('languageChanged', applyLanguage);
applyLanguage(i18n.language);

/** The language currently shown; always one of LANGUAGES. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

export default i18n;
