import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { SIGN_IN_PATH } from './auth/session';
import { SignInRoute } from './auth/SignInRoute';
import { FullPageLoader } from './components/FullPageLoader';

/**
 * A page loaded on first use (issue 13 point 13): every page is its own file. The
 * sign-in page that a phone opens first does not even load this router (src/main.tsx).
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
  { path: SIGN_IN_PATH, element: <SignInRoute /> },
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
          {
            path: 'imports',
            element: page(() => import('./pages/imports/ImportPage'), 'ImportPage'),
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
 * The shell and the start page: the next thing every user opens after signing in. The
 * sign-in page fetches them in the background (src/main.tsx): typing the password takes
 * longer than downloading them.
 */
export function preloadStartPages() {
  void import('./layout/AppLayout');
  void import('./pages/HomePage');
}

export function createRouter() {
  return createBrowserRouter(routes);
}
