import { currentLanguage } from '../i18n/core';

/** One invalid field in a validation problem (422). */
export interface FieldError {
  field: string;
  reason: string;
  message: string;
}

/**
 * A failed API call. Built from an `application/problem+json` body (RFC 9457)
 * when the server sent one; otherwise from the status alone. A call that never
 * reached the server has `status` 0 and `type` NETWORK_ERROR_TYPE.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  readonly errors: FieldError[];
  /** The problem's `params` (e.g. `case_id` and `case_number` of `case.already_open`). */
  readonly params: Record<string, string>;
  /** The whole problem body as the server sent it (e.g. the per-field `conflicts` of a 409). */
  readonly body: Record<string, unknown>;

  constructor(init: {
    status: number;
    type?: string;
    title?: string;
    detail?: string;
    requestId?: string | null;
    errors?: FieldError[];
    params?: Record<string, string>;
    body?: Record<string, unknown>;
  }) {
    super(init.detail || init.title || `HTTP ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.requestId = init.requestId ?? null;
    this.errors = init.errors ?? [];
    this.params = init.params ?? {};
    this.body = init.body ?? {};
  }

  /** The message for `field` from a validation problem, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export const NETWORK_ERROR_TYPE = 'urn:patronage:network-error';

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

let csrfToken: string | null = null;

/** Kept in memory only (never in storage), set from the login and /me responses. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called after a 401 on any request made with `authRedirect` (the default).
 * Returns the function that unsubscribes.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** false for calls whose 401 is an answer, not an expired session (login, /me). */
  authRedirect?: boolean;
  /** Extra request headers (e.g. the outbox's `Idempotency-Key`). */
  headers?: Record<string, string>;
  /** false: never answer from the device's copy (the outbox checks the real session). */
  deviceCopy?: boolean;
}

/**
 * Issue 14: where a GET that cannot reach the server finds the copy kept on the device for the
 * field (src/offline/). Set once at start-up; answers undefined when the device has no copy.
 */
type DeviceFallback = (path: string, sessionUserId: string | null) => Promise<unknown>;
let deviceFallback: DeviceFallback | null = null;

export function setDeviceFallback(fallback: DeviceFallback | null): void {
  deviceFallback = fallback;
}

/** The user the server last said the session belongs to (login, /me); null before or after. */
let sessionUserId: string | null = null;

export function setSessionUser(id: string | null): void {
  sessionUserId = id;
}

export function getSessionUser(): string | null {
  return sessionUserId;
}

/** Whether the server answered (true) or could not be reached (false); for the offline banner. */
type ReachabilityListener = (reachable: boolean) => void;
const reachabilityListeners = new Set<ReachabilityListener>();

export function onReachability(listener: ReachabilityListener): () => void {
  reachabilityListeners.add(listener);
  return () => {
    reachabilityListeners.delete(listener);
  };
}

function reportReachability(reachable: boolean): void {
  for (const listener of [...reachabilityListeners]) {
    listener(reachable);
  }
}

/** Tells the app the session has expired (as a 401 does), e.g. when the outbox finds it so. */
export function signalUnauthorized(): void {
  csrfToken = null;
  for (const listener of [...unauthorizedListeners]) {
    listener();
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const result: FieldError[] = [];
  for (const item of value) {
    if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const field = asString(record.field);
      if (field !== undefined) {
        result.push({
          field,
          reason: asString(record.reason) ?? '',
          message: asString(record.message) ?? '',
        });
      }
    }
  }
  return result;
}

function parseParams(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') {
        out[key] = item;
      }
    }
  }
  return out;
}

/**
 * Turns a failed response into an ApiError. Reads a problem+json (or plain
 * JSON) body when there is one; a body that is not JSON is ignored.
 */
export async function parseProblem(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('X-Request-Id');
  const contentType = response.headers.get('Content-Type') ?? '';
  let body: Record<string, unknown> = {};
  if (/json/i.test(contentType)) {
    try {
      const parsed: unknown = await response.json();
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        body = parsed as Record<string, unknown>;
      }
    } catch {
      // A malformed body leaves us with the status, which is still useful.
    }
  }
  return new ApiError({
    status: response.status,
    type: asString(body.type),
    title: asString(body.title) ?? response.statusText,
    detail: asString(body.detail),
    requestId: asString(body.request_id) ?? asString(body.requestId) ?? headerRequestId,
    errors: parseFieldErrors(body.errors),
    params: parseParams(body.params),
    body,
  });
}

/**
 * Calls the API at `path` (e.g. `/api/v1/me`) and returns the parsed JSON body,
 * or undefined for 204. Throws ApiError for any non-2xx answer or network failure.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  });
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }
  if (method !== 'GET' && csrfToken !== null) {
    headers.set('X-CSRF-Token', csrfToken);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers.set(name, value);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    reportReachability(false);
    if (method === 'GET' && deviceFallback !== null && options.deviceCopy !== false) {
      const copy = await deviceFallback(path, sessionUserId).catch(() => undefined);
      if (copy !== undefined) {
        return copy as T;
      }
    }
    throw new ApiError({ status: 0, type: NETWORK_ERROR_TYPE });
  }
  reportReachability(true);

  if (!response.ok) {
    const error = await parseProblem(response);
    if (response.status === 401 && options.authRedirect !== false) {
      signalUnauthorized();
    }
    throw error;
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
