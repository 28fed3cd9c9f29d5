/*
 * Where signing in happens, without React Query or the router: the sign-in page that a
 * phone loads first (src/main.tsx) uses these too (issue 13 point 13).
 */

export const SIGN_IN_PATH = '/login';

/** Where to send a signed-out user so that they come back to `location` afterwards. */
export function signInPath(location: { pathname: string; search: string; hash: string }): string {
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
