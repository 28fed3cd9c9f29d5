import { useSyncExternalStore } from 'react';

// One MediaQueryList per query for the whole app, read at once: not after a first draw at a laptop's
// width (a page opening on a phone would draw its laptop layout and then the phone's), and not a new
// matchMedia on every render (issue 14: both cost a phone's main thread on every tab switch).
const lists = new Map<string, MediaQueryList>();

function listOf(query: string): MediaQueryList {
  let list = lists.get(query);
  if (!list) {
    list = window.matchMedia(query);
    lists.set(query, list);
  }
  return list;
}

function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = listOf(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => listOf(query).matches,
    () => false,
  );
}

/** A phone's width (Mantine's `xs`): cards instead of tables, dialogs on the full screen. */
export function usePhoneWidth(): boolean {
  return useMedia('(max-width: 36em)');
}

/** Narrower than a tablet's (Mantine's `sm`): the side bar and the case's tabs fold away. */
export function useNarrowWidth(): boolean {
  return useMedia('(max-width: 47.99em)');
}
