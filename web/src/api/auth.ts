import { apiRequest, isApiError, setCsrfToken, setSessionUser } from './client';

export const ROLES = [
  'admin',
  'head',
  'specialist',
  'expert',
  'secretary',
  'coordinator',
  'volunteer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface User {
  id: string;
  login: string;
  full_name: string;
  role: Role;
  unit_id: string;
  unit_name: string;
}

/** Body of POST /api/v1/auth/login and GET /api/v1/me. */
export interface Session {
  user: User;
  csrf_token: string;
}

export interface Credentials {
  login: string;
  password: string;
}

/** Signs in; a 401 here means wrong credentials, so it does not redirect. */
export async function login(credentials: Credentials): Promise<User> {
  const session = await apiRequest<Session>('/api/v1/auth/login', {
    method: 'POST',
    body: credentials,
    authRedirect: false,
  });
  setCsrfToken(session.csrf_token);
  setSessionUser(session.user.id);
  return session.user;
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/api/v1/auth/logout', { method: 'POST', authRedirect: false });
  } finally {
    setCsrfToken(null);
    setSessionUser(null);
  }
}

/** The signed-in user, or null when there is no valid session (401). */
export async function fetchMe(signal?: AbortSignal, deviceCopy = true): Promise<User | null> {
  try {
    const session = await apiRequest<Session>('/api/v1/me', {
      signal,
      authRedirect: false,
      deviceCopy,
    });
    // A copy from the device (offline, issue 14) carries no token: the next online /me brings one.
    setCsrfToken(session.csrf_token || null);
    setSessionUser(session.user.id);
    return session.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      setSessionUser(null);
      return null;
    }
    throw error;
  }
}
