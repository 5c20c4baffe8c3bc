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

export function readWake(clock: { now(): number; monotonicMs(): number; bootMs?(): number }): WakeReading {
  return { wall: clock.now(), monotonic: clock.monotonicMs(), boot: clock.bootMs?.() };
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
