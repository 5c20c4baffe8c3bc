// The current time for relative labels ("Today 8:30 AM"): one shared timer that re-renders its
// users once a minute, so a card's "Today" turns into a weekday without anyone touching it.
import { useSyncExternalStore } from 'react';

const TICK_MS = 60_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  now = Date.now();
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    // The clock may have stood still while nobody listened.
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
