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
  /**
   * Calls `fn` once the wall clock reads `at` (never before), about `ms` from now; the returned
   * function cancels it. A wait counted from now() in whole milliseconds ends up to a millisecond
   * after a wall instant; this one ends within a fraction of one. If the wall clock is set back
   * meanwhile, `fn` runs anyway once `ms` have passed. Absent, callers use setTimer(fn, ms).
   */
  setTimerAt?(fn: () => void, at: number, ms: number): () => void;
}

/**
 * setTimeout works in whole milliseconds of libuv's loop time: it fires up to a millisecond early
 * or late. A fire due at 09:00:00.000 must run neither before it (the wake would find nothing due
 * and sleep again) nor a millisecond after, so the timer wakes a little early and the last stretch
 * is waited out in setImmediate turns, which let I/O run between them.
 */
export const TIMER_LEAD_MS = 1;

function preciseTimer(fn: () => void, ms: number): () => void {
  const target = performance.now() + ms;
  let cancelled = false;
  let handle: NodeJS.Timeout | NodeJS.Immediate | undefined;
  const check = (): void => {
    if (cancelled) return;
    const left = target - performance.now();
    if (left <= 0) fn();
    else if (left > TIMER_LEAD_MS) handle = setTimeout(check, left - TIMER_LEAD_MS);
    else handle = setImmediate(check);
  };
  check();
  return () => {
    cancelled = true;
    clearTimeout(handle as NodeJS.Timeout);
    clearImmediate(handle as NodeJS.Immediate);
  };
}

/**
 * The monotonic timer wakes just before the wall instant; the last stretch is waited out on the
 * wall clock itself, in setImmediate turns. `ms` bounds the wait should the wall clock move back.
 */
function wallTimer(fn: () => void, at: number, ms: number): () => void {
  const latest = performance.now() + ms + TIMER_LEAD_MS;
  let cancel = (): void => undefined;
  const check = (): void => {
    const left = Math.min(at - Date.now(), latest - performance.now());
    if (left <= 0) fn();
    else if (left > TIMER_LEAD_MS) cancel = preciseTimer(check, left - TIMER_LEAD_MS);
    else {
      const immediate = setImmediate(check);
      cancel = () => clearImmediate(immediate);
    }
  };
  check();
  return () => cancel();
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
    return preciseTimer(fn, Math.min(ms, MAX_TIMER_MS));
  },
  setTimerAt: (fn, at, ms) => wallTimer(fn, at, Math.min(ms, MAX_TIMER_MS)),
};
