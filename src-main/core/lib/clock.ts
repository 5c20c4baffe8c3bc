// Time is a dependency: the runtime reads the wall clock and sets timers only through a Clock,
// so tests can drive time exactly and hosts can supply the real one.
export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

// Delays above 2^31-1 ms fire at once in Node, so long waits are capped and re-armed by callers.
const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    // "Now" runs once the current turn's callbacks are done, not after setTimeout's 1 ms minimum:
    // the worker wakes this way after every batch of finished runs, and the millisecond added up.
    if (ms <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const handle = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
    return () => clearTimeout(handle);
  },
};
