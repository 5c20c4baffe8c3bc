// The scheduler loop: one timer, never longer than 30 s, re-reading the wall clock on every wake.
// It fires due tasks, notices time it did not see (downtime, sleep, clock changes) and says so.
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Notifier, Settings } from '../ports';
import type { Store } from '../store';
import { formatRange, formatTime } from '../lib/time-format';
import { fireDue, type FireResult } from './fire';
import { missedRunsText, schedulerStalledText } from '../notify/texts';

export const MAX_SLEEP_MS = 30_000;
export const MIN_SLEEP_MS = 1_000;
/** A wake this much later than planned means the machine slept or the clock jumped forward. */
export const GAP_THRESHOLD_MS = 60_000;
/** No heartbeat for this long means the scheduler was not running. */
export const DOWN_THRESHOLD_MS = 90_000;
/** The watchdog reports a loop that has missed its wake by this much while the process lives. */
export const STALL_AFTER_MS = 60_000;

export type GapKind = 'not_running' | 'asleep' | 'clock_changed';

export interface Gap {
  kind: GapKind;
  from: number;
  to: number;
}

export interface SchedulerStats {
  wakeups: number;
  queued: number;
}

export interface Scheduler {
  start(): void;
  stop(): void;
  /** Re-evaluates now: after a task changed, or when the OS says the machine woke up. */
  wake(reason: 'changed' | 'resume'): void;
  readonly stats: SchedulerStats;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  settings: Settings;
  /** Called on every wake: keeps the data directory's ownership lease alive. */
  onWake: (now: number) => void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function gapMessage(gap: Gap, result: Pick<FireResult, 'missed' | 'caughtUp'>, timeZone: string): string {
  const range = formatRange(gap.from, gap.to, timeZone);
  const what =
    gap.kind === 'not_running'
      ? `Ridgeline was not running ${range}`
      : gap.kind === 'asleep'
        ? `This computer was asleep ${range}`
        : `The clock jumped ${range}`;
  if (result.missed === 0) return `${what}: no runs were missed.`;
  return `${what}: ${plural(result.missed, 'run')} missed, ${result.caughtUp} caught up.`;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, clock, logger } = deps;
  const stats: SchedulerStats = { wakeups: 0, queued: 0 };
  let cancelTimer: (() => void) | undefined;
  let cancelWatchdog: (() => void) | undefined;
  let lastWake: number | undefined;
  let plannedWake: number | undefined;
  let running = false;

  function report(gap: Gap, result: FireResult): void {
    const timeZone = deps.settings.get().displayTimezone;
    const message = gapMessage(gap, result, timeZone);
    store.write((tx) =>
      tx.record({
        type: `scheduler:${gap.kind}`,
        summary: message,
        payload: {
          from: gap.from,
          to: gap.to,
          missed: result.missed,
          caughtUp: result.caughtUp,
          tasks: result.tasks.filter((t) => t.missed > 0),
        },
      }),
    );
    logger.info(message, { gap });
    if (result.missed > 0) void deps.notifier.notify({ kind: 'missed_runs', ...missedRunsText(message) });
  }

  function tick(gapAtStart?: Gap): void {
    if (!running) return;
    cancelTimer?.();
    cancelWatchdog?.();
    stats.wakeups++;
    const now = clock.now();
    let gap = gapAtStart;
    if (!gap && lastWake !== undefined && plannedWake !== undefined) {
      if (now > plannedWake + GAP_THRESHOLD_MS) gap = { kind: 'asleep', from: lastWake, to: now };
      else if (now < lastWake - GAP_THRESHOLD_MS) gap = { kind: 'clock_changed', from: lastWake, to: now };
    }
    lastWake = now;
    try {
      // One transaction, one sync to disk: the ownership lease and the scheduler's heartbeat.
      store.db.transaction(() => {
        deps.onWake(now);
        store.scheduler.heartbeat(now);
      })();
      const empty: FireResult = { tasks: [], queued: 0, missed: 0, caughtUp: 0, more: false };
      const paused = store.scheduler.state().paused;
      const result = paused ? empty : fireDue(store, now, deps.settings.get().displayTimezone);
      stats.queued += result.queued;
      if (gap) report(gap, result);
      else if (result.missed > 0)
        logger.warn('Runs were missed while the scheduler was awake', { missed: result.missed });
      arm(now, paused ? MAX_SLEEP_MS : result.more ? 0 : undefined);
    } catch (error) {
      logger.error('Scheduler tick failed; retrying shortly', {
        error: error instanceof Error ? error.stack : String(error),
      });
      arm(now, 1000);
    }
  }

  function arm(now: number, delay?: number): void {
    const earliest = store.scheduler.earliestNextRun();
    // Everything due was just fired, so a due time still in the past can only be a task that cannot
    // advance; waiting MIN_SLEEP_MS keeps such a task from spinning the loop.
    const untilDue = earliest === null ? MAX_SLEEP_MS : earliest <= now ? MIN_SLEEP_MS : earliest - now;
    const wait = delay ?? Math.min(untilDue, MAX_SLEEP_MS);
    plannedWake = now + wait;
    cancelTimer = clock.setTimer(() => tick(), wait);
    cancelWatchdog = clock.setTimer(stalled, wait + STALL_AFTER_MS);
  }

  function stalled(): void {
    if (!running) return;
    const now = clock.now();
    const message = `The scheduler stopped ticking: its last wake was ${Math.round((now - (lastWake ?? now)) / 1000)} s ago. Restarting it.`;
    logger.error(message);
    store.write((tx) => tx.record({ type: 'scheduler:stalled', summary: message, payload: { lastWake } }));
    const timeZone = deps.settings.get().displayTimezone;
    void deps.notifier.notify({
      kind: 'scheduler_stalled',
      ...schedulerStalledText({ lastWakeAt: lastWake ?? now, now, timeZone }),
    });
    tick();
  }

  return {
    stats,
    start() {
      if (running) return;
      running = true;
      const now = clock.now();
      // The first formatter of a zone loads ICU's zone names (~25 ms): pay that now, not on a fire.
      formatTime(now, deps.settings.get().displayTimezone);
      const state = store.scheduler.state();
      store.scheduler.setStarted(now);
      const down = state.heartbeatAt !== null && now - state.heartbeatAt > DOWN_THRESHOLD_MS;
      tick(down ? { kind: 'not_running', from: state.heartbeatAt!, to: now } : undefined);
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelWatchdog?.();
    },
    wake(reason) {
      if (!running) return;
      if (reason === 'resume') {
        logger.info('System resumed; checking for missed runs');
        tick();
        return;
      }
      // A changed schedule only moves the next wake earlier; nothing new is due before it.
      const earliest = store.scheduler.earliestNextRun();
      if (earliest !== null && plannedWake !== undefined && earliest < plannedWake) {
        cancelTimer?.();
        cancelWatchdog?.();
        arm(clock.now());
      }
    },
  };
}
