// Time is a dependency: the runtime reads the wall clock and sets timers only through a Clock,
// so tests can drive time exactly and hosts can supply the real one.
import { uptime } from 'node:os';

export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
  /**
   * Milliseconds on a clock that setting the wall clock never moves, from an arbitrary origin.
   * Timers run on it; on most systems it stops while the machine sleeps.
   */
  monotonicMs(): number;
  /**
   * Milliseconds since boot, sleep included, on a clock that setting the wall clock never moves;
   * absent where the system keeps no such clock. With it, sleep and a clock change are told apart.
   */
  bootMs?(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

// Delays above 2^31-1 ms fire at once in Node, so long waits are capped and re-armed by callers.
const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicMs: () => performance.now(),
  // Linux's uptime is CLOCK_BOOTTIME (it counts suspend). Elsewhere it is derived from the wall
  // clock or stops in sleep, so the desktop host's resume event is what marks a sleep there.
  ...(process.platform === 'linux' ? { bootMs: () => uptime() * 1000 } : {}),
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
