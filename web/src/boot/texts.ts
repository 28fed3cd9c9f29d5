/*
 * The texts of the sign-in form that index.html carries itself (issue 13 point 13): picked
 * from src/locales/*.json at build time (vite.config.ts), so the JSON files stay the only
 * source of strings. Russian is written into the page; the boot script (./signInBoot.ts)
 * switches to English when the saved language says so, as the app does (src/i18n/core.ts).
 */

export const BOOT_LANGUAGES = ['ru', 'en'] as const;
export type BootLanguage = (typeof BOOT_LANGUAGES)[number];

export const BOOT_KEYS = [
  'app.name',
  'app.tagline',
  'app.pageTitle',
  'language.label',
  'language.ru',
  'language.en',
  'language.ruFull',
  'language.enFull',
  'signIn.title',
  'signIn.subtitle',
  'signIn.login',
  'signIn.loginPlaceholder',
  'signIn.password',
  'signIn.submit',
  'signIn.validation.loginRequired',
  'signIn.validation.passwordRequired',
  'signInBoot.pending',
  'signInBoot.appFailed',
] as const;
export type BootKey = (typeof BOOT_KEYS)[number];
export type BootTexts = Record<BootLanguage, Record<BootKey, string>>;

/** The boot texts of one catalogue; throws when a key is missing (the build fails). */
export function pickBootTexts(catalogue: unknown, language: string): Record<BootKey, string> {
  const picked = {} as Record<BootKey, string>;
  for (const key of BOOT_KEYS) {
    let value: unknown = catalogue;
    for (const part of key.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
    if (typeof value !== 'string') {
      throw new Error(`src/locales/${language}.json has no text for ${key}`);
    }
    picked[key] = value;
  }
  return picked;
}

/** The page title of the sign-in page, as the app writes it (`app.pageTitle`). */
export function bootPageTitle(texts: Record<BootKey, string>): string {
  return texts['app.pageTitle'].replace('{{page}}', texts['signIn.title']);
}

/** The key under which the app saves the chosen language (src/i18n/core.ts; a test keeps them equal). */
export const BOOT_LANGUAGE_STORAGE_KEY = 'patronage.language';
