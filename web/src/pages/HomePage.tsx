import { Navigate } from 'react-router';
import { useMe } from '../auth/session';
import { homePath } from '../logic/nav';
import { MyWardsPage } from './wards/MyWardsPage';
import { WorkListPage } from './WorkListPage';

/** The start page: a volunteer's wards, the auditor's audit log, the admin's users, everyone else's work list. */
export function HomePage() {
  const me = useMe().data;
  const home = me ? homePath(me.role) : null;
  if (home) {
    return <Navigate to={home} replace />;
  }
  return me?.role === 'volunteer' ? <MyWardsPage /> : <WorkListPage />;
}
