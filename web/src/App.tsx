import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import type { User } from './api/auth';
import { ME_QUERY_KEY } from './auth/session';
import { Providers } from './Providers';
import { createQueryClient } from './queryClient';
import { createRouter } from './router';

export { preloadStartPages } from './router';

/**
 * The whole app: router, query cache, every style and text. src/main.tsx loads it after the
 * sign-in page, or at once on any other address; `me` is the user when already known, or the
 * /api/v1/me answer main.tsx asked for while this file was downloading.
 */
export function renderApp(root: Root, me?: User | Promise<User | null>) {
  const queryClient = createQueryClient();
  if (me instanceof Promise) {
    void queryClient.prefetchQuery({ queryKey: ME_QUERY_KEY, queryFn: () => me });
  } else if (me !== undefined) {
    queryClient.setQueryData(ME_QUERY_KEY, me);
  }
  const router = createRouter();
  root.render(
    <StrictMode>
      <Providers queryClient={queryClient}>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}
