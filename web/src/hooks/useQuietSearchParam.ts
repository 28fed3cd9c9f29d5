import { useCallback, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * Runs `write` once the browser has drawn the next frame and has time to spare (within a second); at once in a
 * hidden page, which draws none. `history.replaceState` makes Chrome recalculate the page's styles on the spot, in
 * the middle of the change it names, and it is a navigation of its own, which waits on the browser (issue 14: a
 * case's section switch on a phone-class CPU): it comes after what the person is waiting for.
 */
function afterNextPaint(write: () => void) {
  if (document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') {
    write();
    return;
  }
  requestAnimationFrame(() =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(write, { timeout: 1000 })
      : setTimeout(write, 0),
  );
}

/**
 * A search parameter the page changes often, such as the case's open section (`?tab=visits`): kept in
 * React state and written to the address with `history.replaceState`, not through the router. A router
 * navigation redraws the whole layout — on a phone-class CPU a third of a tab switch (issue 14). The address
 * follows once the change is on screen (the last value, if several came before it). A reload, a shared link
 * and back/forward still open the value in the address (the router reads it then), and a router navigation
 * (a link, even to the same address) sets the value it names. A page that makes router navigations of its own from
 * the address (the cases list's filters) calls `flush` first, which writes a value still waiting at once: else the
 * navigation carries the old value, and the field shows it again (a search just emptied came back).
 */
export function useQuietSearchParam(
  name: string,
): [string | null, (value: string | null) => void, () => void] {
  const location = useLocation();
  const routed = new URLSearchParams(location.search).get(name);
  const [state, setState] = useState({ key: location.key, value: routed });
  let current = state;
  if (state.key !== location.key) {
    current = { key: location.key, value: routed };
    setState(current);
  }
  // The value still to be written, and the address it is written into.
  const pending = useRef<{ value: string | null; address: string } | null>(null);
  const flush = useCallback(() => {
    if (!pending.current) {
      return;
    }
    const { value: last, address } = pending.current;
    pending.current = null;
    // A navigation in between (a link, back) has an address of its own, which this value is not part of.
    if (window.location.href !== address) {
      return;
    }
    const url = new URL(address);
    if (last === null) {
      url.searchParams.delete(name);
    } else {
      url.searchParams.set(name, last);
    }
    // The router's own entry (its key and index) stays: back/forward and its blockers keep working.
    window.history.replaceState(window.history.state, '', url);
  }, [name]);
  const set = useCallback(
    (value: string | null) => {
      setState((s) => ({ ...s, value }));
      if (pending.current) {
        pending.current.value = value;
        return;
      }
      pending.current = { value, address: window.location.href };
      afterNextPaint(flush);
    },
    [flush],
  );
  return [current.value, set, flush];
}
