import Dexie, { type Table } from 'dexie';
import type { User } from '../api/auth';

/**
 * Issue 14: what the app keeps on the device (IndexedDB, through Dexie). Everything is keyed by the
 * user it belongs to; nothing is ever read for another user.
 */

/** One API answer kept for the field, as the server gave it to `userId` (GET `path`). */
export interface FieldEntry {
  userId: string;
  path: string;
  body: unknown;
  savedAt: string;
}

/** Whose field data the device holds, and when it was last refreshed. One row, key "owner". */
export interface OwnerEntry {
  key: 'owner';
  userId: string;
  user: User;
  preparedAt: string | null;
}

/** A conflicting field of a 409 answer (the server's per-field conflict body). */
export interface FieldConflict {
  field: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
  changed_by_name?: string;
  changed_at?: string;
}

export type OutboxKind = 'visit' | 'visitOutcome' | 'visitEdit' | 'contact' | 'measure';

/**
 * A write made in the field, waiting to be sent. `id` is the client's UUID, sent as the
 * `Idempotency-Key` header on every attempt: a retry after a lost answer creates nothing twice.
 */
export interface OutboxItem {
  id: string;
  userId: string;
  /** Order of sending: the order the user made them in. */
  seq: number;
  kind: OutboxKind;
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** The case it belongs to (the visits list shows what is waiting for it). */
  caseId: string;
  /** A few words of the user's own text, to recognise the item in the list. */
  summary: string;
  createdAt: string;
  /** waiting: will be sent; set_aside: the server refused it; conflict: 409 with per-field conflicts. */
  state: 'waiting' | 'set_aside' | 'conflict';
  attempts: number;
  /** Epoch ms before which an automatic retry does not send it (backoff). */
  nextAttemptAt: number;
  problem?: {
    status: number;
    type: string;
    message: string;
    conflicts?: FieldConflict[];
    /** The record's version on the server now, when the 409 said it. */
    currentVersion?: number;
  };
}

export class OfflineDb extends Dexie {
  field!: Table<FieldEntry, [string, string]>;
  owner!: Table<OwnerEntry, string>;
  outbox!: Table<OutboxItem, string>;

  constructor(name = 'patronage-offline') {
    super(name);
    this.version(1).stores({
      field: '[userId+path], userId',
      owner: 'key',
      outbox: 'id, userId, [userId+seq]',
    });
  }
}

let shared: OfflineDb | null = null;

/** The app's database (one per page). */
export function offlineDb(): OfflineDb {
  shared ??= new OfflineDb();
  return shared;
}
