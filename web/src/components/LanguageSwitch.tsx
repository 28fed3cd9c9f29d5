import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage, type Language } from '../i18n/core';

/** RU / EN switch; the choice is remembered in localStorage by the i18n module. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const value: Language = isLanguage(i18n.language) ? i18n.language : 'ru';
  return (
    <SegmentedControl
      size={size}
      value={value}
      onChange={(next) => {
        if (isLanguage(next)) {
          void setLanguage(next);
        }
      }}
      aria-label={t('language.label')}
      data={[
        {
          value: 'ru',
          label: <span title={t('language.ruFull')}>{t('language.ru')}</span>,
        },
        {
          value: 'en',
          label: <span title={t('language.enFull')}>{t('language.en')}</span>,
        },
      ]}
    />
  );
}
