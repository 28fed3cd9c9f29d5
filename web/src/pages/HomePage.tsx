import { useMe } from '../auth/session';
import { MyWardsPage } from './wards/MyWardsPage';
import { WorkListPage } from './WorkListPage';

/** The start page: a volunteer's wards, everyone else's work list. */
export function HomePage() {
  const me = useMe().data;
  return me?.role === 'volunteer' ? <MyWardsPage /> : <WorkListPage />;
}
