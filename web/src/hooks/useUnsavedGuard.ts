import { createContext, useContext, useEffect } from 'react';

export interface UnsavedGuard {
  setDirty: (dirty: boolean) => void;
  setDiscard: (discard: (() => void) | null) => void;
}

/** Provided by GuardedModal to the form inside it. */
export const UnsavedGuardContext = createContext<UnsavedGuard | null>(null);

/**
 * Tells the GuardedModal around a form that the form holds unsaved input (`dirty`), and how to throw
 * that input away (`discard`, e.g. the stable `clear` of useDraft). Outside a GuardedModal it does nothing.
 */
export function useUnsavedGuard(dirty: boolean, discard?: () => void): void {
  const guard = useContext(UnsavedGuardContext);
  useEffect(() => {
    guard?.setDirty(dirty);
  }, [guard, dirty]);
  useEffect(() => {
    guard?.setDiscard(discard ?? null);
  }, [guard, discard]);
  useEffect(
    () => () => {
      guard?.setDirty(false);
      guard?.setDiscard(null);
    },
    [guard],
  );
}

/** True when `draft` differs from `initial` (both plain JSON data). */
export function isChanged(draft: unknown, initial: unknown): boolean {
  return JSON.stringify(draft) !== JSON.stringify(initial);
}
