import { isApiError, NETWORK_ERROR_TYPE } from '../api/client';
import type { FieldConflict, OfflineDb, OutboxItem, OutboxKind } from './db';

/** Backoff of automatic retries: 2 s, 4 s, 8 s … never more than 5 minutes; never giving up. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Problem type of a repeated Idempotency-Key whose original answer is lost: it was applied. */
const ALREADY_APPLIED = 'request.already_applied';

/** A client UUID (the Idempotency-Key). */
export function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * How long to wait before the `attempts`-th automatic retry: exponential, with jitter (half to all
 * of the step, so that phones coming back online together do not all call at once), capped.
 */
export function backoffDelay(attempts: number, random: number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.min(BACKOFF_CAP_MS, Math.round(step * (0.5 + random / 2)));
}

export interface NewOutboxItem {
  id?: string;
  kind: OutboxKind;
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  caseId: string;
  summary: string;
}

/** Puts a write in `userId`'s outbox, after everything already there. */
export async function enqueue(
  db: OfflineDb,
  userId: string,
  input: NewOutboxItem,
  now = Date.now(),
): Promise<OutboxItem> {
  return db.transaction('rw', db.outbox, async () => {
    const last = await db.outbox
      .where('[userId+seq]')
      .between([userId, -Infinity], [userId, Infinity])
      .last();
    const item: OutboxItem = {
      id: input.id ?? newId(),
      userId,
      seq: (last?.seq ?? 0) + 1,
      kind: input.kind,
      method: input.method,
      path: input.path,
      body: input.body,
      caseId: input.caseId,
      summary: input.summary,
      createdAt: new Date(now).toISOString(),
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: 0,
    };
    await db.outbox.add(item);
    return item;
  });
}

/** `userId`'s items in the order they are sent. */
export function outboxItems(db: OfflineDb, userId: string): Promise<OutboxItem[]> {
  return db.outbox.where('[userId+seq]').between([userId, -Infinity], [userId, Infinity]).toArray();
}

/** Sends one item (with its id as the Idempotency-Key); throws ApiError as apiRequest does. */
export type Transport = (item: OutboxItem) => Promise<unknown>;

export type Verdict =
  | { kind: 'sent' }
  | { kind: 'retry' }
  | { kind: 'unauthorized' }
  | { kind: 'conflict'; problem: NonNullable<OutboxItem['problem']> }
  | { kind: 'refused'; problem: NonNullable<OutboxItem['problem']> };

function conflictsOf(body: Record<string, unknown>): FieldConflict[] | null {
  const list = body.conflicts;
  if (!Array.isArray(list) || list.length === 0) {
    return null;
  }
  const out: FieldConflict[] = [];
  for (const entry of list) {
    if (entry !== null && typeof entry === 'object' && typeof entry.field === 'string') {
      const c = entry as Record<string, unknown>;
      out.push({
        field: c.field as string,
        base: c.base,
        theirs: c.theirs,
        mine: c.mine,
        changed_by_name: typeof c.changed_by_name === 'string' ? c.changed_by_name : undefined,
        changed_at: typeof c.changed_at === 'string' ? c.changed_at : undefined,
      });
    }
  }
  return out.length > 0 ? out : null;
}

function currentVersionOf(body: Record<string, unknown>): number | undefined {
  const current = body.current as Record<string, unknown> | undefined;
  for (const value of [
    // docs/offline.md §2: the 409 carries the record as it is now, with its version.
    current !== null && typeof current === 'object' ? current.version : undefined,
    body.current_version,
    body.version,
    (body.params as Record<string, unknown> | undefined)?.current_version,
  ]) {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) {
      return n;
    }
  }
  return undefined;
}

/**
 * What an attempt's failure means for the item. Only a missing network, a timeout, throttling or a
 * server error is retried; a 4xx the server explains (a rule, a conflict, validation) sets the item
 * aside with the server's translated message — it would be refused again.
 */
export function verdict(error: unknown): Verdict {
  if (!isApiError(error) || error.type === NETWORK_ERROR_TYPE || error.status === 0) {
    return { kind: 'retry' };
  }
  if (error.status === 401) {
    return { kind: 'unauthorized' };
  }
  if (error.status === 409 && error.type.endsWith(ALREADY_APPLIED)) {
    return { kind: 'sent' };
  }
  if (error.status === 408 || error.status === 425 || error.status === 429 || error.status >= 500) {
    return { kind: 'retry' };
  }
  const details = error.errors.map((e) => e.message).filter(Boolean);
  const message = [error.detail || error.title, ...details].filter(Boolean).join(' ');
  const problem = { status: error.status, type: error.type, message };
  const conflicts = error.status === 409 ? conflictsOf(error.body) : null;
  if (conflicts) {
    return {
      kind: 'conflict',
      problem: { ...problem, conflicts, currentVersion: currentVersionOf(error.body) },
    };
  }
  return { kind: 'refused', problem };
}

export interface SendOptions {
  now?: () => number;
  random?: () => number;
  /** true when the user, the connection's return or the app's start asks: ignores the backoff. */
  force?: boolean;
}

export interface SendResult {
  sent: number;
  setAside: number;
  /** Why it stopped before the end: the session expired, or an item will be retried at `retryAt`. */
  stopped: 'unauthorized' | 'retry' | null;
  retryAt: number | null;
}

/**
 * Sends `userId`'s waiting items in order, each at most once per run. An item refused by the server
 * is set aside and the next one is sent; a network failure stops the run (the rest would fail too)
 * and schedules a retry with backoff; a 401 stops it until the user signs in again.
 */
export async function sendOutbox(
  db: OfflineDb,
  userId: string,
  transport: Transport,
  options: SendOptions = {},
): Promise<SendResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const result: SendResult = { sent: 0, setAside: 0, stopped: null, retryAt: null };
  const items = (await outboxItems(db, userId)).filter((i) => i.state === 'waiting');
  for (const queued of items) {
    // Read again: another tab, or the user, may have sent or removed it meanwhile.
    const item = await db.outbox.get(queued.id);
    if (!item || item.state !== 'waiting' || item.userId !== userId) {
      continue;
    }
    if (!options.force && item.nextAttemptAt > now()) {
      result.stopped = 'retry';
      result.retryAt = item.nextAttemptAt;
      return result;
    }
    let outcome: Verdict;
    try {
      await transport(item);
      outcome = { kind: 'sent' };
    } catch (error) {
      outcome = verdict(error);
    }
    switch (outcome.kind) {
      case 'sent':
        await db.outbox.delete(item.id);
        result.sent += 1;
        break;
      case 'unauthorized':
        result.stopped = 'unauthorized';
        return result;
      case 'retry': {
        const attempts = item.attempts + 1;
        const nextAttemptAt = now() + backoffDelay(attempts, random());
        await db.outbox.update(item.id, { attempts, nextAttemptAt });
        result.stopped = 'retry';
        result.retryAt = nextAttemptAt;
        return result;
      }
      case 'conflict':
        await db.outbox.update(item.id, { state: 'conflict', problem: outcome.problem });
        result.setAside += 1;
        break;
      case 'refused':
        await db.outbox.update(item.id, { state: 'set_aside', problem: outcome.problem });
        result.setAside += 1;
        break;
    }
  }
  return result;
}

/**
 * Puts a set-aside item back in the queue, in its place. It gets a new Idempotency-Key: the server
 * answers a repeated key with its first answer, and that was the refusal.
 */
export async function retryItem(
  db: OfflineDb,
  id: string,
  body?: Record<string, unknown>,
): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (!item) {
      return;
    }
    await db.outbox.delete(id);
    await db.outbox.add({
      ...item,
      id: newId(),
      body: body ?? item.body,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: 0,
      problem: undefined,
    });
  });
}

function setPath(target: Record<string, unknown>, field: string, value: unknown): void {
  const parts = field.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = next !== null && typeof next === 'object' ? { ...(next as object) } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * The body to send again after the user chose, per conflicting field, their value or the one now on
 * the server; based on the server's current version when the 409 gave it. An edit that carries
 * `base` (a visit's text, docs/offline.md §2) is now based on the server's values, and names in
 * `rejected` the value chosen against, which the server keeps in the record's history.
 */
export function resolvedBody(
  item: OutboxItem,
  choices: Record<string, 'mine' | 'theirs'>,
): Record<string, unknown> {
  const body: Record<string, unknown> = structuredClone(item.body);
  const merges = body.base !== null && typeof body.base === 'object';
  const base = merges ? (body.base as Record<string, unknown>) : {};
  const rejected: Record<string, unknown> =
    body.rejected !== null && typeof body.rejected === 'object'
      ? (body.rejected as Record<string, unknown>)
      : {};
  for (const conflict of item.problem?.conflicts ?? []) {
    const choice = choices[conflict.field] ?? 'mine';
    const [chosen, lost] =
      choice === 'mine' ? [conflict.mine, conflict.theirs] : [conflict.theirs, conflict.mine];
    setPath(body, conflict.field, chosen);
    if (merges) {
      setPath(base, conflict.field, conflict.theirs);
      if (lost !== chosen && lost !== undefined && lost !== null) {
        setPath(rejected, conflict.field, lost);
      }
    }
  }
  if (merges && Object.keys(rejected).length > 0) {
    body.rejected = rejected;
  }
  if (item.problem?.currentVersion !== undefined && 'version' in body) {
    body.version = item.problem.currentVersion;
  }
  return body;
}

/** Removes an item from the device for good (the user decided not to send it). */
export function discardItem(db: OfflineDb, id: string): Promise<void> {
  return db.outbox.delete(id);
}
