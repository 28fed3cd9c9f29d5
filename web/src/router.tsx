import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { SIGN_IN_PATH } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { SettingsPage } from './pages/admin/SettingsPage';
import { UnitsPage } from './pages/admin/UnitsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { CasePage } from './pages/case/CasePage';
import { CasesPage } from './pages/CasesPage';
import { CouncilPage } from './pages/council/CouncilPage';
import { HouseholdPage } from './pages/HouseholdPage';
import { DashboardPage } from './pages/reports/DashboardPage';
import { IntakePage } from './pages/IntakePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrintPage } from './pages/print/PrintPage';
import { SignalsPage } from './pages/SignalsPage';
import { SignInPage } from './pages/SignInPage';
import { HomePage } from './pages/HomePage';
import { MyWardsPage } from './pages/wards/MyWardsPage';
import { MatchPage } from './pages/volunteers/MatchPage';
import { VolunteerPage } from './pages/volunteers/VolunteerPage';
import { VolunteersPage } from './pages/volunteers/VolunteersPage';

export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage /> },
  {
    element: <RequireAuth />,
    children: [
      // Printable documents: an A4 sheet without the app shell.
      { path: 'cases/:id/print/:doc', element: <PrintPage /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'my/wards', element: <MyWardsPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'cases', element: <CasesPage /> },
          { path: 'cases/:id', element: <CasePage /> },
          { path: 'council', element: <CouncilPage /> },
          { path: 'households/:id', element: <HouseholdPage /> },
          { path: 'intake', element: <IntakePage /> },
          { path: 'signals', element: <SignalsPage /> },
          { path: 'volunteers', element: <VolunteersPage /> },
          { path: 'volunteers/match', element: <MatchPage /> },
          { path: 'volunteers/:id', element: <VolunteerPage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/units', element: <UnitsPage /> },
          { path: 'admin/settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
