import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth';

export { SIGN_IN_PATH, safeNext, signInPath, type SignInState } from './paths';

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in user (null when signed out); fetched once, then kept in the cache. */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: Infinity,
    retry: false,
  });
}
