import { useCallback, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * A search parameter the page changes often, such as the case's open section (`?tab=visits`): kept in
 * React state and written to the address with `history.replaceState`, not through the router. A router
 * navigation redraws the whole layout — on a phone-class CPU a third of a tab switch (issue 14). A reload,
 * a shared link and back/forward still open the value in the address (the router reads it then), and a
 * router navigation (a link, even to the same address) sets the value it names.
 */
export function useQuietSearchParam(name: string): [string | null, (value: string | null) => void] {
  const location = useLocation();
  const routed = new URLSearchParams(location.search).get(name);
  const [state, setState] = useState({ key: location.key, value: routed });
  let current = state;
  if (state.key !== location.key) {
    current = { key: location.key, value: routed };
    setState(current);
  }
  const set = useCallback(
    (value: string | null) => {
      setState((s) => ({ ...s, value }));
      const url = new URL(window.location.href);
      if (value === null) {
        url.searchParams.delete(name);
      } else {
        url.searchParams.set(name, value);
      }
      // The router's own entry (its key and index) stays: back/forward and its blockers keep working.
      window.history.replaceState(window.history.state, '', url);
    },
    [name],
  );
  return [current.value, set];
}
