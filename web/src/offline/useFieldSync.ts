import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { User } from '../api/auth';
import { offlineDb } from './db';
import { claimDevice, isFieldRole, prepareForField } from './fieldStore';
import { useReachable } from './hooks';
import { onOutboxRun, runOutbox } from './runtime';

/** What the pages show from the server again after the outbox sent something. */
function refreshAfterSend(client: QueryClient) {
  return onOutboxRun((result) => {
    if (result.sent > 0 || result.setAside > 0) {
      void client.invalidateQueries();
    }
  });
}

/**
 * Issue 14, on every start of the signed-in app: the device's copy is claimed for this user (another
 * user's is removed), the outbox is sent, and — online, for a field role — the copy is refreshed.
 * The outbox is sent again whenever the connection returns.
 */
export function useFieldSync(user: User) {
  const client = useQueryClient();
  const reachable = useReachable();
  useEffect(() => refreshAfterSend(client), [client]);
  useEffect(() => {
    if (!reachable) {
      return;
    }
    let cancelled = false;
    void (async () => {
      const db = offlineDb();
      await claimDevice(db, user);
      await runOutbox(user.id, true);
      if (!cancelled && isFieldRole(user.role) && navigator.onLine !== false) {
        await prepareForField(db, user).catch(() => undefined);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [user, reachable]);
  useEffect(() => {
    const online = () => void runOutbox(user.id, true);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [user.id]);
}
