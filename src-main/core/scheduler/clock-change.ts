// Tells apart what happened between two scheduler wakes: the wall clock was set back or moved
// forward, or the machine slept. Timers run on the monotonic clock, which no clock change moves,
// so the wall clock gaining on it is either sleep (which the boot clock counts) or a clock change.

/** A wall clock this far off the monotonic one, or a wake this late, is a change worth telling. */
export const CLOCK_CHANGE_THRESHOLD_MS = 60_000;

export type GapKind = 'not_running' | 'asleep' | 'clock_set_back' | 'clock_moved_forward';

export interface Gap {
  kind: GapKind;
  /** For a clock change, what the wall clock would read had it not been changed. */
  from: number;
  to: number;
}

export interface WakeReading {
  wall: number;
  monotonic: number;
  /** The boot clock, where the system has one: it counts sleep that the monotonic clock may not. */
  boot?: number;
}

export interface WakeFacts {
  previous: WakeReading;
  current: WakeReading;
  /** How long the loop meant to sleep before this wake. */
  plannedWaitMs: number;
  /** The host said the machine resumed from sleep since the previous wake. */
  resumed: boolean;
}

/**
 * The wall clock may drift this far from the monotonic one between two wakes without the boot clock
 * being read: no sleep, and no clock change, can hide in less.
 */
export const BOOT_READ_MARGIN_MS = 1000;

/**
 * Reads the clocks at each wake. The boot clock costs a file read on Linux (tens of microseconds on
 * every due run's wake), so it is read only when the wall clock moved off the monotonic one since
 * the last wake, or when `fresh` asks: otherwise the machine did not sleep, and the boot clock moved
 * as the monotonic one did since it was last read.
 */
export function createWakeReader(clock: {
  now(): number;
  monotonicMs(): number;
  bootMs?(): number;
}): (fresh: boolean) => WakeReading {
  let base: { boot: number; monotonic: number } | undefined;
  let last: { wall: number; monotonic: number } | undefined;
  return (fresh) => {
    const wall = clock.now();
    const monotonic = clock.monotonicMs();
    const drift = last ? wall - last.wall - (monotonic - last.monotonic) : Number.POSITIVE_INFINITY;
    last = { wall, monotonic };
    if (!clock.bootMs) return { wall, monotonic };
    if (!fresh && base && Math.abs(drift) < BOOT_READ_MARGIN_MS) {
      return { wall, monotonic, boot: base.boot + (monotonic - base.monotonic) };
    }
    base = { boot: clock.bootMs(), monotonic };
    return { wall, monotonic, boot: base.boot };
  };
}

export function classifyWake(facts: WakeFacts): Gap | undefined {
  const { previous, current } = facts;
  const elapsed = current.monotonic - previous.monotonic;
  const wallGain = current.wall - previous.wall - elapsed;
  // Sleep the monotonic clock did not count: measured by the boot clock, or, without one, all the
  // wall clock gained across a sleep the host reported.
  const sleptUncounted =
    previous.boot !== undefined && current.boot !== undefined
      ? Math.max(0, current.boot - previous.boot - elapsed)
      : facts.resumed
        ? Math.max(0, wallGain)
        : 0;
  const changed = wallGain - sleptUncounted;
  if (changed < -CLOCK_CHANGE_THRESHOLD_MS)
    return { kind: 'clock_set_back', from: current.wall - changed, to: current.wall };
  if (changed > CLOCK_CHANGE_THRESHOLD_MS)
    return { kind: 'clock_moved_forward', from: current.wall - changed, to: current.wall };
  // A wake late on the monotonic clock itself: where that clock counts sleep, or the process was stopped.
  const lateWake = elapsed - facts.plannedWaitMs;
  if (sleptUncounted > CLOCK_CHANGE_THRESHOLD_MS || lateWake > CLOCK_CHANGE_THRESHOLD_MS)
    return { kind: 'asleep', from: previous.wall, to: current.wall };
  return undefined;
}
