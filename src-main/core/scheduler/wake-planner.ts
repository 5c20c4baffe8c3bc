// Keeps the computer's one wake from sleep set a minute before the next run of a task that asks
// to be woken for (wakeToRun), re-arming whenever schedules change or a run fires. A wake that
// cannot be set is a timeline event, never a crash.
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { formatDateTime, isoAt } from '../lib/time-format';
import type { WakeCapability, WakeScheduler } from '../ports';
import type { Store } from '../store';
import type { WakeTarget } from '../db/repos/wake-repo';

/** The machine is woken this long before the run, so the host is up and has caught up by then. */
export const WAKE_LEAD_MS = 60_000;
/** A run due sooner than this is not worth a wake: the machine is awake now. */
const TOO_SOON_MS = 5_000;

export interface WakePlan {
  /** When to wake (ms since the epoch) and for which run. */
  at: number;
  target: WakeTarget;
}

/**
 * A minute before the run; when that minute has begun, at the run itself; nothing when the run is
 * due within seconds.
 */
export function planWake(target: WakeTarget | undefined, now: number): WakePlan | undefined {
  if (!target) return undefined;
  const early = target.nextRunAt - WAKE_LEAD_MS;
  if (early > now) return { at: early, target };
  if (target.nextRunAt - now > TOO_SOON_MS) return { at: target.nextRunAt, target };
  return undefined;
}

export interface WakeState {
  /** The wake set now, and the run it is for. */
  armed: WakePlan | undefined;
  /** Why the latest attempt to set or remove a wake failed; null after one that worked. */
  lastError: string | null;
}

export interface WakePlannerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  wake: WakeScheduler;
  displayTimezone: () => string;
}

export interface WakePlanner {
  /**
   * Sets, moves or removes the wake to match the schedules. `force` sets it again even when it
   * has not moved (before the machine sleeps: the OS may have dropped or used it up).
   */
  refresh(force?: boolean): Promise<void>;
  state(): WakeState;
  /** Resolves when no wake is being set (stop waits for it before the database closes). */
  idle(): Promise<void>;
  capability(): Promise<WakeCapability>;
}

export function createWakePlanner(deps: WakePlannerDeps): WakePlanner {
  const { store, clock, logger, wake } = deps;
  const state: WakeState = { armed: undefined, lastError: null };
  /** The failure last put on the timeline, so a failure repeated on every change is told once. */
  let reported: string | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let forceNext = false;

  function fail(plan: WakePlan | undefined, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    state.lastError = message;
    logger.warn('Could not set the computer to wake for a run', { error: message });
    const key = `${plan?.at ?? 'cancel'}:${message}`;
    if (key === reported) return;
    reported = key;
    const zone = deps.displayTimezone();
    const summary = plan
      ? `Could not set the computer to wake at ${formatDateTime(plan.at, zone)} for "${plan.target.title}": ${message}`
      : `Could not remove the computer's wake for runs: ${message}`;
    try {
      store.write((tx) =>
        tx.record({
          type: 'wake:failed',
          taskId: plan?.target.taskId ?? null,
          summary,
          payload: { wakeAt: plan ? isoAt(plan.at) : null, error: message },
        }),
      );
    } catch (writeError) {
      logger.error('Could not record a failed wake on the timeline', { error: String(writeError) });
    }
  }

  async function once(force: boolean): Promise<void> {
    let plan: WakePlan | undefined;
    try {
      plan = planWake(store.wake.nextTarget(), clock.now());
    } catch (error) {
      // The database closed under a late refresh: the next start sets the wake again.
      logger.warn('Could not read the next run to wake for', { error: String(error) });
      return;
    }
    const current = state.armed;
    if (!force && plan?.at === current?.at && state.lastError === null) {
      if (plan) state.armed = plan;
      return;
    }
    try {
      if (plan) {
        await wake.arm(plan.at);
        logger.info('The computer will wake for a run', { at: isoAt(plan.at), taskId: plan.target.taskId });
      } else if (current) {
        await wake.cancel();
      }
      state.armed = plan;
      state.lastError = null;
      reported = undefined;
    } catch (error) {
      // Whatever was set before may be gone too (pmset's old wake is removed first): claim none.
      state.armed = undefined;
      fail(plan, error);
    }
  }

  function refresh(force = false): Promise<void> {
    forceNext ||= force;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const forced = forceNext;
        forceNext = false;
        await once(forced);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    refresh,
    state: () => ({ armed: state.armed, lastError: state.lastError }),
    idle: async () => running,
    capability: () => wake.capability(),
  };
}
