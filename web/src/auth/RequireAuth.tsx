import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { onUnauthorized } from '../api/client';
import { ME_QUERY_KEY, signInPath, useMe, type SignInState } from './session';
import { FullPageLoader } from '../components/FullPageLoader';
import { ErrorPanel } from '../components/ErrorPanel';

/**
 * Renders the child routes for a signed-in user. A signed-out user, or one
 * whose session expires (a 401 on any call), goes to the sign-in page with the
 * current address remembered in `next`.
 */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      onUnauthorized(() => {
        setExpired(true);
        // Drop cached personal data; drafts stay in sessionStorage.
        queryClient.removeQueries();
        queryClient.setQueryData(ME_QUERY_KEY, null);
      }),
    [queryClient],
  );

  if (me.isPending) {
    return <FullPageLoader />;
  }
  if (me.isError) {
    return <ErrorPanel error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (me.data === null) {
    const state: SignInState = { expired };
    return <Navigate to={signInPath(location)} replace state={state} />;
  }
  return <Outlet />;
}
