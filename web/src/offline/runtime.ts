import { fetchMe } from '../api/auth';
import {
  apiRequest,
  getCsrfToken,
  getSessionUser,
  isApiError,
  NETWORK_ERROR_TYPE,
  signalUnauthorized,
} from '../api/client';
import { offlineDb } from './db';
import {
  enqueue,
  newId,
  outboxItems,
  sendOutbox,
  verdict,
  type NewOutboxItem,
  type SendResult,
} from './outbox';

/** Sends one outbox item; its id is the Idempotency-Key of every attempt. */
function transport(item: { id: string; method: 'POST' | 'PATCH'; path: string; body: unknown }) {
  return apiRequest<unknown>(item.path, {
    method: item.method,
    body: item.body,
    headers: { 'Idempotency-Key': item.id },
    authRedirect: false,
    deviceCopy: false,
  });
}

type SentListener = (result: SendResult) => void;
const sentListeners = new Set<SentListener>();

/** Called after each run that sent or set aside something (to refresh the pages' data). */
export function onOutboxRun(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => {
    sentListeners.delete(listener);
  };
}

let running: Promise<SendResult | null> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Makes sure the session is alive and is `userId`'s (and that a CSRF token is in hand) before
 * sending: a device that opened offline has neither. Returns false when sending must wait.
 */
async function sessionReady(userId: string): Promise<'ok' | 'offline' | 'signedOut' | 'otherUser'> {
  if (getCsrfToken() !== null && getSessionUser() === userId) {
    return 'ok';
  }
  try {
    const me = await fetchMe(undefined, false);
    if (me === null) {
      return 'signedOut';
    }
    return me.id === userId ? 'ok' : 'otherUser';
  } catch {
    return 'offline';
  }
}

function scheduleRetry(userId: string, at: number) {
  if (retryTimer !== null) {
    clearTimeout(retryTimer);
  }
  retryTimer = setTimeout(
    () => {
      retryTimer = null;
      void runOutbox(userId, false);
    },
    Math.max(1_000, at - Date.now()),
  );
}

/**
 * Sends `userId`'s waiting items (one run at a time). `force`: the user asked, the connection came
 * back or the app started — the backoff is skipped. A 401 asks the user to sign in again; the items
 * stay and the run starts again after the sign-in (the app's start).
 */
export function runOutbox(userId: string, force = true): Promise<SendResult | null> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let last: SendResult | null = null;
    do {
      again = false;
      const db = offlineDb();
      const waiting = (await outboxItems(db, userId)).some((i) => i.state === 'waiting');
      if (!waiting) {
        break;
      }
      const session = await sessionReady(userId);
      if (session === 'signedOut') {
        signalUnauthorized();
        break;
      }
      if (session === 'offline') {
        scheduleRetry(userId, Date.now() + 30_000);
        break;
      }
      if (session === 'otherUser') {
        break;
      }
      last = await sendOutbox(db, userId, transport, { force });
      for (const listener of [...sentListeners]) {
        listener(last);
      }
      if (last.stopped === 'unauthorized') {
        signalUnauthorized();
        break;
      }
      if (last.stopped === 'retry' && last.retryAt !== null) {
        scheduleRetry(userId, last.retryAt);
      }
    } while (again);
    return last;
  })().finally(() => {
    running = null;
  });
  return running;
}

/** `conflict`: the server found the record changed meanwhile; the user chooses in the outbox. */
export type Submitted<T> = { queued: false; result: T } | { queued: true; conflict?: boolean };

/**
 * A field write (a visit, a contact, a measure's status): sent at once when the server can be
 * reached and nothing is waiting before it; kept in the outbox when offline, when the request
 * fails for lack of network (the same Idempotency-Key is used for its later attempts, so a request
 * that did arrive is not applied twice), or behind items already waiting (the order is kept).
 * A refusal by the server (4xx) is thrown as usual, for the form to show — except, with
 * `keepConflict`, a 409 with per-field conflicts: the write goes to the outbox in the conflict
 * state, where the user chooses per field, as for a write that met the conflict offline.
 */
export async function submitOrQueue<T>(
  userId: string,
  input: NewOutboxItem,
  options: { keepConflict?: boolean } = {},
): Promise<Submitted<T>> {
  const db = offlineDb();
  const id = newId();
  const queue = async (): Promise<Submitted<T>> => {
    await enqueue(db, userId, { ...input, id });
    void runOutbox(userId, false);
    return { queued: true };
  };
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const waiting = (await outboxItems(db, userId)).some((i) => i.state === 'waiting');
  if (offline || waiting) {
    return queue();
  }
  // Offline, or a session to renew first (signed out meanwhile): the outbox asks and sends.
  if ((await sessionReady(userId)) !== 'ok') {
    return queue();
  }
  try {
    const result = await apiRequest<T>(input.path, {
      method: input.method,
      body: input.body,
      headers: { 'Idempotency-Key': id },
    });
    return { queued: false, result };
  } catch (error) {
    if (isApiError(error) && error.type === NETWORK_ERROR_TYPE) {
      return queue();
    }
    const outcome = verdict(error);
    if (options.keepConflict && outcome.kind === 'conflict') {
      await enqueue(db, userId, { ...input, id });
      await db.outbox.update(id, { state: 'conflict', problem: outcome.problem });
      return { queued: true, conflict: true };
    }
    throw error;
  }
}
