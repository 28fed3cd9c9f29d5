import { useQuery } from '@tanstack/react-query';
import type { Location } from 'react-router';
import { fetchMe } from '../api/auth';

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

export const SIGN_IN_PATH = '/login';

/** Where to send a signed-out user so that they come back to `location` afterwards. */
export function signInPath(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const here = location.pathname + location.search + location.hash;
  if (location.pathname === '/' && location.search === '' && location.hash === '') {
    return SIGN_IN_PATH;
  }
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(here)}`;
}

/** The `next` parameter if it is a path inside this app; "/" otherwise (no open redirects). */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`)) {
    return '/';
  }
  return next;
}

/** Router state passed to the sign-in page. */
export interface SignInState {
  expired?: boolean;
  signedOut?: boolean;
}
