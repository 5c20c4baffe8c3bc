// Unsaved edits are never lost without a question. A form with edits registers a guard; while one is
// held, leaving by any road asks first: a change of address (a link, back and forward, a dialog that
// closes by dropping `task=` from the address), a dialog closed by Escape or its buttons, and reloading
// or closing the window (the browser's own prompt, the only one a page may show then).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export interface LeaveRequest {
  /** What has unsaved edits, as the prompt names it ("the new task", "General settings"). */
  what: string[];
  proceed(): void;
}

const guards = new Map<symbol, string>();
let pending: LeaveRequest | null = null;
let acceptedHash = '';
const listeners = new Set<() => void>();

function announce(): void {
  for (const listener of listeners) listener();
}

function setPending(request: LeaveRequest | null): void {
  pending = request;
  announce();
}

/** Asks before `proceed` when something holds unsaved edits; runs it at once otherwise. */
export function requestLeave(proceed: () => void): void {
  if (guards.size === 0) {
    proceed();
    return;
  }
  setPending({
    what: [...new Set(guards.values())],
    proceed: () => {
      guards.clear();
      setPending(null);
      proceed();
    },
  });
}

export function cancelLeave(): void {
  setPending(null);
}

function onHashChange(event: Event): void {
  const target = window.location.hash;
  if (guards.size === 0 || target === acceptedHash) {
    acceptedHash = target;
    return;
  }
  // Put the address back before anything renders the new one, then ask.
  event.stopImmediatePropagation();
  window.history.replaceState(null, '', acceptedHash || window.location.pathname + window.location.search);
  requestLeave(() => {
    window.history.replaceState(null, '', target);
    acceptedHash = target;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (guards.size > 0) event.preventDefault();
}

/** Installed once, before the app renders, so it sees every change of address first. */
export function installUnsavedChangesGate(): void {
  acceptedHash = window.location.hash;
  window.addEventListener('hashchange', onHashChange, true);
  window.addEventListener('beforeunload', onBeforeUnload);
}

/** The question waiting for an answer, if any (see UnsavedChangesPrompt). */
export function usePendingLeave(): LeaveRequest | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}

/**
 * Holds a guard while `dirty`. `release()` drops it at once, for a save or a delete that closes the
 * form itself; `leave(proceed)` closes a dialog that is not in the address, asking first when dirty.
 */
export function useUnsavedChanges(dirty: boolean, what: string) {
  const [key] = useState(() => Symbol(what));
  useEffect(() => {
    if (dirty) guards.set(key, what);
    else guards.delete(key);
    return () => {
      guards.delete(key);
    };
  }, [dirty, what, key]);
  const release = useCallback(() => guards.delete(key), [key]);
  const leave = useCallback((proceed: () => void) => requestLeave(proceed), []);
  return { release, leave };
}
