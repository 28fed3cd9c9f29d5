import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import 'dayjs/locale/en';
import ru from '../locales/ru.json';
import en from '../locales/en.json';
import i18n, { currentLanguage } from './core';

export * from './core';

// The whole catalogues, over the sign-in texts that ./core starts with.
i18n.addResourceBundle('ru', 'translation', ru, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);

// Dates (Mantine's pickers, dayjs formats) follow the app's language.
dayjs.locale(currentLanguage());
i18n.on('languageChanged', () => dayjs.locale(currentLanguage()));

export default i18n;
