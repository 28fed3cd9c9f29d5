import { useCallback, useState } from 'react';

const PREFIX = 'patronage.draft.';

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw === null ? initial : (JSON.parse(raw) as T);
  } catch {
    return initial;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft lives in memory only.
  }
}

/**
 * State that is also kept in sessionStorage under `key`, so a form's content
 * survives an expired session (sign in again, come back, it is still there)
 * and a reload, but not the closing of the tab. Call `clear` once the form
 * has been saved. Never store passwords in a draft.
 */
export function useDraft<T>(
  key: string,
  initial: T,
): [T, (next: T | ((previous: T) => T)) => void, () => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));

  const update = useCallback(
    (next: T | ((previous: T) => T)) => {
      setValue((previous) => {
        const resolved = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
        write(key, resolved);
        return resolved;
      });
    },
    [key],
  );

  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(PREFIX + key);
    } catch {
      // Nothing to remove.
    }
    setValue(initial);
    // `initial` is deliberately not a dependency: callers pass literals.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return [value, update, clear];
}

/** Removes every draft; called on an explicit sign-out so nothing personal stays behind. */
export function clearAllDrafts(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const k = window.sessionStorage.key(i);
      if (k !== null && k.startsWith(PREFIX)) {
        keys.push(k);
      }
    }
    keys.forEach((k) => window.sessionStorage.removeItem(k));
  } catch {
    // Storage disabled: there are no drafts.
  }
}
