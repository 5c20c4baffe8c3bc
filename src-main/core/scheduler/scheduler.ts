// The scheduler loop: one timer, never longer than 30 s, re-reading the wall clock on every wake.
// It fires due tasks, notices time it did not see (downtime, sleep, clock changes) and says so.
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Notifier, Settings } from '../ports';
import type { Store } from '../store';
import { formatRange, formatTime } from '../lib/time-format';
import { fireDue, noFires, planAhead, type Backlog, type FirePace, type FireResult, type PreparedFire } from './fire';
import { missedRunsText, schedulerStalledText } from '../notify/texts';
import {
  CLOCK_CHANGE_THRESHOLD_MS,
  classifyWake,
  createWakeReader,
  type Gap,
  type GapKind,
  type WakeReading,
} from './clock-change';
import { rebaseNextRuns } from './rebase';

export const MAX_SLEEP_MS = 30_000;
export const MIN_SLEEP_MS = 1_000;
/**
 * No heartbeat for this long means the scheduler was not running, and the user is told even when
 * nothing was missed. A shorter stop is told only when it made runs miss their time.
 */
export const DOWN_THRESHOLD_MS = 90_000;
/** The watchdog reports a loop that has missed its wake by this much while the process lives. */
export const STALL_AFTER_MS = 60_000;
/**
 * The tasks due at the next instant are planned this long before it (their schedules walked, their
 * runs' ids and texts made), so the instant itself only writes them: a burst of 1,000 commits in
 * milliseconds. Planning goes in slices like a fire, and a task changed meanwhile is planned again.
 */
export const PLAN_AHEAD_MS = 250;
/**
 * And this much earlier per task due then: a task whose schedule was never compiled in this process
 * (every task at its first fire after a start) takes up to about half a millisecond to plan.
 */
export const PLAN_AHEAD_PER_TASK_MS = 1;
/** Planning starts at most this long before the instant. */
export const PLAN_AHEAD_MAX_MS = 5000;
/**
 * The young generation is emptied this long before a due instant (collectYoungGeneration): time
 * for a scavenge of a burst's plans (1.5-4 ms measured with 1,000 of them) to end before it.
 */
export const COLLECT_BEFORE_DUE_MS = 10;

export type { Gap, GapKind } from './clock-change';

export interface SchedulerStats {
  wakeups: number;
  queued: number;
}

export interface Scheduler {
  start(): void;
  stop(): void;
  /** Re-evaluates now: after a task changed, or when the OS says the machine woke up. */
  wake(reason: 'changed' | 'resume'): void;
  /** True while a burst of due tasks is being committed in slices, one per turn of the event loop. */
  firing(): boolean;
  /** True while firing, or when a fire is due within `ms`: upkeep that can wait should. */
  busy(ms: number): boolean;
  readonly stats: SchedulerStats;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  settings: Settings;
  /** Called on every wake, before anything is fired: keeps the data directory's ownership lease alive. */
  keepOwnership: (now: number) => void;
  /** Called on every wake once its fire is committed: upkeep that must not delay a due run. */
  onWake: (now: number) => void;
  /** Called once a burst worked off in slices is committed (or abandoned): the worker may start runs again. */
  onBurstDone?: () => void;
  /**
   * Empties V8's young generation, COLLECT_BEFORE_DUE_MS before each due instant: a scavenge costs
   * 0.5-2 ms, and one V8 starts on its own at the instant makes that fire as late. What the event
   * loop did since the last fire (API calls, planning) is collected ahead of it instead.
   */
  collectYoungGeneration?: () => void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function gapWhat(gap: Gap, timeZone: string): string {
  const range = formatRange(gap.from, gap.to, timeZone);
  switch (gap.kind) {
    case 'not_running':
      return `Ridgeline was not running ${range}`;
    case 'asleep':
      return `This computer was asleep ${range}`;
    case 'clock_set_back':
      return `The clock was set back ${range}`;
    case 'clock_moved_forward':
      return `The clock was moved forward ${range}`;
    default: {
      const unreachable: never = gap.kind;
      throw new Error(`Unknown gap ${String(unreachable)}`);
    }
  }
}

export function gapMessage(gap: Gap, result: Pick<FireResult, 'missed' | 'caughtUp'>, timeZone: string): string {
  const what = gapWhat(gap, timeZone);
  if (gap.kind === 'clock_set_back' && result.missed === 0) return `${what}: schedules go on from the new time.`;
  if (result.missed === 0) return `${what}: no runs were missed.`;
  return `${what}: ${plural(result.missed, 'run')} missed, ${result.caughtUp} caught up.`;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, clock, logger } = deps;
  const stats: SchedulerStats = { wakeups: 0, queued: 0 };
  let cancelTimer: (() => void) | undefined;
  let cancelCollect: (() => void) | undefined;
  let cancelWatchdog: (() => void) | undefined;
  let lastWake: number | undefined;
  let lastReading: WakeReading | undefined;
  let plannedWake: number | undefined;
  let plannedWaitMs = 0;
  let resumed = false;
  let running = false;
  // A backlog worked off over several wakes keeps the cause the first wake noticed, for the ledger.
  let backlogCause: GapKind | undefined;
  let backlog: Backlog | undefined;
  // How the last slice that wrote went: the next one, of this burst or the next, is paced by it.
  let pace: FirePace | undefined;
  let bursting = false;
  const readWake = createWakeReader(clock);
  // The plans made ahead of the next due instant, filled in slices until it comes.
  let ahead: { prepared: PreparedFire; cancel: () => void } | undefined;

  function setBursting(value: boolean): void {
    const ended = bursting && !value;
    bursting = value;
    if (ended) deps.onBurstDone?.();
  }

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

  /** Cancels the armed wake, its collection and its watchdog. */
  function disarm(): void {
    cancelTimer?.();
    cancelCollect?.();
    cancelWatchdog?.();
  }

  function tick(gapAtStart?: Gap): void {
    if (!running) return;
    disarm();
    stats.wakeups++;
    const reading = readWake(resumed || gapAtStart !== undefined);
    const now = reading.wall;
    let gap = gapAtStart;
    if (!gap && lastReading) gap = classifyWake({ previous: lastReading, current: reading, plannedWaitMs, resumed });
    lastWake = now;
    lastReading = reading;
    resumed = false;
    try {
      // The ownership lease and the scheduler's heartbeat, written before anything is fired. On a
      // plain wake they share the fire's transaction (one commit, not two, before a due run is
      // queued); the loop goes on only while this runtime still owns the data directory.
      const beat = (): boolean => {
        deps.keepOwnership(now);
        store.scheduler.heartbeat(now);
        return running;
      };
      const paused = store.scheduler.state().paused;
      const together = !paused && gap?.kind !== 'clock_set_back';
      if (!together) store.write(beat);
      const timeZone = deps.settings.get().displayTimezone;
      if (gap?.kind === 'clock_set_back') rebaseNextRuns(store, now, timeZone);
      const lateCause = gap?.kind ?? backlogCause;
      // Plans made ahead hold only for a wake that reached their instant without a gap in time.
      const prepared = ahead && !gap && now >= ahead.prepared.instant ? ahead.prepared : undefined;
      ahead?.cancel();
      const fire = {
        store,
        clock,
        now,
        displayTimezone: timeZone,
        ...(backlog ? { backlog } : {}),
        ...(pace ? { pace } : {}),
        lateCause,
        ...(prepared ? { prepared } : {}),
      };
      const result = paused || !running ? noFires() : fireDue(together ? { ...fire, beforeFiring: beat } : fire);
      if (!running) return;
      backlog = result.backlog;
      pace = result.pace ?? pace;
      backlogCause = result.more ? lateCause : undefined;
      // A burst worked off in slices goes on using the plans; once it is done they are spent.
      if (!result.more) ahead = undefined;
      setBursting(result.more);
      stats.queued += result.queued;
      deps.onWake(now);
      const told = gap && (gap.kind !== 'not_running' || gap.to - gap.from > DOWN_THRESHOLD_MS || result.missed > 0);
      if (gap && told) report(gap, result);
      else if (result.missed > 0)
        logger.warn('Runs were missed while the scheduler was awake', { missed: result.missed });
      arm(now, paused ? MAX_SLEEP_MS : result.more ? 0 : undefined);
    } catch (error) {
      logger.error('Scheduler tick failed; retrying shortly', {
        error: error instanceof Error ? error.stack : String(error),
      });
      setBursting(false);
      arm(now, 1000);
    }
  }

  /** `firedUpTo`: the wall time this wake fired everything due by. */
  function arm(firedUpTo: number, delay?: number): void {
    const earliest = store.scheduler.earliestNextRun();
    // The wake's own work took time: the wait is counted from the clock now, or every fire would
    // be late by the work done before it.
    const now = clock.now();
    // Everything due was just fired, so a due time still in the past can only be a task that cannot
    // advance; waiting MIN_SLEEP_MS keeps such a task from spinning the loop.
    const untilDue =
      earliest === null ? MAX_SLEEP_MS : earliest <= firedUpTo ? MIN_SLEEP_MS : Math.max(0, earliest - now);
    const wait = delay ?? Math.min(untilDue, MAX_SLEEP_MS);
    plannedWake = now + wait;
    plannedWaitMs = wait;
    // Waiting for a due time: woken on the wall clock's own reading of it, not up to a millisecond after.
    const forDue = delay === undefined && earliest !== null && earliest > firedUpTo && wait === untilDue;
    cancelTimer =
      forDue && clock.setTimerAt ? clock.setTimerAt(() => tick(), earliest, wait) : clock.setTimer(() => tick(), wait);
    const collect = deps.collectYoungGeneration;
    cancelCollect =
      forDue && collect && wait > 2 * COLLECT_BEFORE_DUE_MS
        ? clock.setTimer(collect, wait - COLLECT_BEFORE_DUE_MS)
        : undefined;
    cancelWatchdog = clock.setTimer(stalled, wait + STALL_AFTER_MS);
    if (forDue && ahead?.prepared.instant !== earliest) planBefore(earliest, wait);
  }

  /**
   * Plans the tasks due at `instant`, PLAN_AHEAD_MS plus PLAN_AHEAD_PER_TASK_MS for each of them
   * before it (at once when it is nearer).
   */
  function planBefore(instant: number, wait: number): void {
    ahead?.cancel();
    const prepared: PreparedFire = { instant, plans: new Map() };
    let cancelSlice: (() => void) | undefined;
    let stopPlanning: (() => void) | undefined;
    const start = (): void => {
      stopPlanning = planAhead({
        store,
        clock,
        displayTimezone: deps.settings.get().displayTimezone,
        prepared,
        defer: (slice) => (cancelSlice = clock.setTimer(slice, 0)),
      });
    };
    const due = store.scheduler.dueCountAt(instant);
    const lead = wait - Math.min(PLAN_AHEAD_MS + due * PLAN_AHEAD_PER_TASK_MS, PLAN_AHEAD_MAX_MS);
    const cancelStart = lead > 0 ? clock.setTimer(start, lead) : (start(), undefined);
    ahead = {
      prepared,
      cancel: () => {
        cancelStart?.();
        cancelSlice?.();
        stopPlanning?.();
      },
    };
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
      const lastSeen = store.clockChange.latestSeen();
      store.scheduler.setStarted(now);
      // Wall time before the last one written down can only mean the clock was set back meanwhile.
      if (lastSeen !== null && lastSeen - now > CLOCK_CHANGE_THRESHOLD_MS)
        tick({ kind: 'clock_set_back', from: lastSeen, to: now });
      else tick(lastSeen !== null && lastSeen < now ? { kind: 'not_running', from: lastSeen, to: now } : undefined);
    },
    stop() {
      running = false;
      ahead?.cancel();
      ahead = undefined;
      disarm();
      setBursting(false);
    },
    firing: () => bursting,
    busy: (ms) => bursting || (ahead !== undefined && ahead.prepared.instant - clock.now() < ms),
    wake(reason) {
      if (!running) return;
      if (reason === 'resume') {
        logger.info('System resumed; checking for missed runs');
        resumed = true;
        tick();
        return;
      }
      // A changed schedule only moves the next wake earlier; nothing new is due before it.
      const earliest = store.scheduler.earliestNextRun();
      if (earliest !== null && plannedWake !== undefined && earliest < plannedWake) {
        disarm();
        arm(clock.now());
      }
    },
  };
}
