import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { onReachability } from '../api/client';
import { offlineDb, type OutboxItem, type OwnerEntry } from './db';
import { outboxItems } from './outbox';

/** The value of a Dexie query, kept up to date as the database changes (in any tab). */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: () => setValue(undefined),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the query's inputs
  }, deps);
  return value;
}

const NO_ITEMS: OutboxItem[] = [];

interface SharedOutbox {
  items: OutboxItem[];
  listeners: Set<() => void>;
  stop: () => void;
}

/** One Dexie subscription per user's outbox, however many components show it (issue 14: a page opens faster). */
const sharedOutboxes = new Map<string, SharedOutbox>();

function subscribeOutbox(userId: string, listener: () => void): () => void {
  let shared = sharedOutboxes.get(userId);
  if (!shared) {
    const created: SharedOutbox = { items: NO_ITEMS, listeners: new Set(), stop: () => {} };
    const subscription = liveQuery(() => outboxItems(offlineDb(), userId)).subscribe({
      next: (items) => {
        created.items = items;
        created.listeners.forEach((notify) => notify());
      },
      error: () => {
        created.items = NO_ITEMS;
        created.listeners.forEach((notify) => notify());
      },
    });
    created.stop = () => subscription.unsubscribe();
    sharedOutboxes.set(userId, created);
    shared = created;
  }
  const current = shared;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.stop();
      sharedOutboxes.delete(userId);
    }
  };
}

/** `userId`'s outbox, in sending order (empty for no user). */
export function useOutbox(userId: string | undefined): OutboxItem[] {
  const subscribe = useCallback(
    (listener: () => void) => (userId ? subscribeOutbox(userId, listener) : () => {}),
    [userId],
  );
  return useSyncExternalStore(subscribe, () =>
    userId ? (sharedOutboxes.get(userId)?.items ?? NO_ITEMS) : NO_ITEMS,
  );
}

/** The device's field copy: whose, and from when (only when it is `userId`'s). */
export function useFieldCopy(userId: string | undefined): OwnerEntry | null {
  const owner = useLive(() => offlineDb().owner.get('owner'), []);
  return owner && owner.userId === userId ? owner : null;
}

/**
 * Whether the server can be reached: the browser's own signal, corrected by what the app's requests
 * found (a request that could not connect means offline until one succeeds).
 */
export function useReachable(): boolean {
  const [reachable, setReachable] = useState(
    () => typeof navigator === 'undefined' || navigator.onLine !== false,
  );
  useEffect(() => {
    const online = () => setReachable(true);
    const offline = () => setReachable(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    const unsubscribe = onReachability((ok) => setReachable(ok && navigator.onLine !== false));
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      unsubscribe();
    };
  }, []);
  return reachable;
}
