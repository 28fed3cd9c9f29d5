import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { SignInPage } from '../pages/SignInPage';
import { ME_QUERY_KEY, safeNext, useMe, type SignInState } from './session';

/**
 * The sign-in page inside the app (after signing out, or when a session expires): the
 * router says where to go next and why the user is here; the query cache learns who signed in.
 */
export function SignInRoute() {
  const me = useMe();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const state = (useLocation().state ?? {}) as SignInState;
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  if (me.data) {
    return <Navigate to={next} replace />;
  }
  return (
    <SignInPage
      state={state}
      onSignedIn={(user) => {
        queryClient.removeQueries();
        queryClient.setQueryData(ME_QUERY_KEY, user);
        void navigate(next, { replace: true });
      }}
    />
  );
}
