import type ru from '../locales/ru.json';

// Makes t('missing.key') a compile error: Russian is the reference catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
    returnNull: false;
  }
}
