// The current route, following the address: every hashchange (a link, back, forward) re-renders.
import { useSyncExternalStore } from 'react';
import { parseHash, type Route } from './hash-route';

function watch(changed: () => void): () => void {
  window.addEventListener('hashchange', changed);
  return () => window.removeEventListener('hashchange', changed);
}

const readHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(watch, readHash);
  // Parsed per render: a hash is short and URLSearchParams is cheap; callers read, never keep it.
  return parseHash(hash);
}

/** Changes the view of the current page (a filter, a search) without adding a history entry per
 * keystroke; hashchange is not fired by replaceState, so it is announced by hand. */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.replaceState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Opens another address as a new history entry (back returns). */
export function goTo(hash: string): void {
  window.location.hash = hash;
}
