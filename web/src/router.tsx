import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { SIGN_IN_PATH } from './auth/session';
import { FullPageLoader } from './components/FullPageLoader';
import { SignInPage } from './pages/SignInPage';

/**
 * A page loaded on first use (issue 13 point 13): the sign-in page alone is in
 * the first download a phone makes; every other page is its own file.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({
    default: (await load())[name],
  }));
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Page />
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage /> },
  {
    element: <RequireAuth />,
    children: [
      // Printable documents: an A4 sheet without the app shell.
      {
        path: 'cases/:id/print/:doc',
        element: page(() => import('./pages/print/PrintPage'), 'PrintPage'),
      },
      {
        element: page(() => import('./layout/AppLayout'), 'AppLayout'),
        children: [
          { index: true, element: page(() => import('./pages/HomePage'), 'HomePage') },
          {
            path: 'my/wards',
            element: page(() => import('./pages/wards/MyWardsPage'), 'MyWardsPage'),
          },
          {
            path: 'dashboard',
            element: page(() => import('./pages/reports/DashboardPage'), 'DashboardPage'),
          },
          { path: 'cases', element: page(() => import('./pages/CasesPage'), 'CasesPage') },
          { path: 'cases/:id', element: page(() => import('./pages/case/CasePage'), 'CasePage') },
          {
            path: 'council',
            element: page(() => import('./pages/council/CouncilPage'), 'CouncilPage'),
          },
          {
            path: 'households/:id',
            element: page(() => import('./pages/HouseholdPage'), 'HouseholdPage'),
          },
          { path: 'intake', element: page(() => import('./pages/IntakePage'), 'IntakePage') },
          { path: 'signals', element: page(() => import('./pages/SignalsPage'), 'SignalsPage') },
          {
            path: 'volunteers',
            element: page(() => import('./pages/volunteers/VolunteersPage'), 'VolunteersPage'),
          },
          {
            path: 'volunteers/match',
            element: page(() => import('./pages/volunteers/MatchPage'), 'MatchPage'),
          },
          {
            path: 'volunteers/:id',
            element: page(() => import('./pages/volunteers/VolunteerPage'), 'VolunteerPage'),
          },
          { path: 'audit', element: page(() => import('./pages/audit/AuditPage'), 'AuditPage') },
          {
            path: 'admin/users',
            element: page(() => import('./pages/admin/UsersPage'), 'UsersPage'),
          },
          {
            path: 'admin/units',
            element: page(() => import('./pages/admin/UnitsPage'), 'UnitsPage'),
          },
          {
            path: 'admin/settings',
            element: page(() => import('./pages/admin/SettingsPage'), 'SettingsPage'),
          },
          { path: '*', element: page(() => import('./pages/NotFoundPage'), 'NotFoundPage') },
        ],
      },
    ],
  },
];

/**
 * Once the first page is up, fetch the shell and the start page in the background: they are
 * the next thing every user opens, and typing the password takes longer than downloading them.
 */
function preloadStartPages() {
  void import('./layout/AppLayout');
  void import('./pages/HomePage');
}

export function createRouter() {
  if (typeof window !== 'undefined') {
    if (document.readyState === 'complete') {
      setTimeout(preloadStartPages, 0);
    } else {
      window.addEventListener('load', () => setTimeout(preloadStartPages, 0), { once: true });
    }
  }
  return createBrowserRouter(routes);
}
