import { useEffect, useMemo, type ReactNode } from 'react';
import { MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme';

/** Everything a page needs around it: theme, dates locale, notifications, query cache. */
export function Providers({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();

  useEffect(() => {
    // Server texts (problem details, catalogues) follow Accept-Language: fetch them again.
    const refresh = () => void queryClient.invalidateQueries();
    i18n.on('languageChanged', refresh);
    return () => i18n.off('languageChanged', refresh);
  }, [i18n, queryClient]);

  // Every dialog's × is named for a screen reader, in the page's language (WCAG 4.1.2).
  const localTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Modal: {
            defaultProps: { closeButtonProps: { 'aria-label': i18n.t('a11y.closeDialog') } },
          },
          Drawer: {
            defaultProps: { closeButtonProps: { 'aria-label': i18n.t('a11y.closeDialog') } },
          },
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the label follows the language
    [i18n.language],
  );

  return (
    <MantineProvider
      theme={localTheme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          {/* Bottom right: confirmations must not cover a page's header and its state. */}
          <Notifications position="bottom-right" limit={3} autoClose={4000} />
          {children}
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
