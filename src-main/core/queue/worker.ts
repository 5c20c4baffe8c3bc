// The worker loop: one Clock timer (never longer than 30 s) that leases due runs up to the limits
// and executes them concurrently, renews their leases every 20 s, and reports stuck runs.
//
// Wakes: the runtime calls wake() when a run is queued (coalesced into one tick on a 0 ms timer);
// a run finishing wakes it too; otherwise it sleeps until the next retry is due, at most 30 s, and
// with nothing queued or running at all it sets no timer until the next wake().
// A run 'running' with no heartbeat for 90 s that this worker does not execute is stuck: its process
// died or hung. It is reported (timeline event and a notification) and recovered (resumed).
import { formatTime } from '../lib/time-format';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Notifier, Settings } from '../ports';
import type { Store } from '../store';
import { executeRun } from '../pipeline/executor';
import type { AbortReason } from '../pipeline/abort';
import type { RunServices } from '../pipeline/services';
import type { RunRow } from '../db/repos/runs-repo';
import { onCancelRequested } from './cancel';
import {
  LEASE_MS,
  leaseAll,
  leaseAllInTx,
  nextAttemptAt,
  regateAll,
  releaseDependents,
  skipOverlapping,
  type LeaseOptions,
} from './lease';
import { recoverAtStart, recoverRun } from './recovery';
import type { RunOutcome } from '../model/outcome';
import { hasLeftoverProcesses, stopLeftoverProcesses } from './leftover-processes';
import { hasLeftoverWorktrees, removeLeftoverWorktrees } from './leftover-worktrees';
import { requeueInterrupted, settleRun } from './transitions';
import type { PowerSource } from '../ports';
import { CONDITION_POLL_MS, heldForConditions, releaseMetConditions } from './condition-gate';

export const MAX_SLEEP_MS = 30_000;
export const HEARTBEAT_EVERY_MS = 20_000;
export const STUCK_AFTER_MS = 90_000;
/** Stuck runs are looked for at most this often: a busy queue ticks many times a second. */
const STUCK_CHECK_EVERY_MS = 10_000;

export interface WorkerStats {
  wakeups: number;
  started: number;
  finished: number;
  stuck: number;
  recovered: number;
}

export interface Worker {
  /** Recovers runs a previous process left running, then starts the loop. */
  start(): void;
  /** Aborts the runs in flight; they are re-queued as interrupted and resume at the next start. */
  stop(): Promise<void>;
  wake(): void;
  /** Ids of the runs this worker executes right now. */
  inFlight(): string[];
  /** Resolves when no run is in flight (tests and shutdown). */
  idle(): Promise<void>;
  readonly stats: WorkerStats;
}

export interface WorkerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  settings: Settings;
  /** This runtime's instance id: the lease owner of the runs it executes. */
  owner: string;
  random?: () => number;
  /** What every run lends its tools, built once by the runtime. */
  services: RunServices;
  /** Power and idle state, for tasks with run conditions. */
  power?: PowerSource;
  /**
   * While it answers true (the scheduler is committing a burst of fires in slices) no run is leased:
   * starting runs between the slices would stretch the burst and the API's waits. Whoever holds the
   * worker wakes it once the hold ends.
   */
  held?: () => boolean;
}

interface Execution {
  run: RunRow;
  controller: AbortController;
  done: Promise<void>;
}

export function createWorker(deps: WorkerDeps): Worker {
  const { store, clock, logger, owner } = deps;
  const random = deps.random ?? Math.random;
  const stats: WorkerStats = { wakeups: 0, started: 0, finished: 0, stuck: 0, recovered: 0 };
  const executions = new Map<string, Execution>();
  let running = false;
  let cancelTimer: (() => void) | undefined;
  let cancelHeartbeat: (() => void) | undefined;
  let cancelWake: (() => void) | undefined;
  let unwatchCancel: (() => void) | undefined;
  let stuckCheckedAt = Number.NEGATIVE_INFINITY;
  // Set while what a dead host's steps left running is being stopped: no run starts until then.
  let leftovers: Promise<void> | undefined;

  const describeTime = (ms: number): string => formatTime(ms, deps.settings.get().displayTimezone);

  function tick(): void {
    if (!running) return;
    cancelTimer?.();
    cancelWake?.();
    cancelWake = undefined;
    if (deps.held?.()) return;
    stats.wakeups++;
    const now = clock.now();
    try {
      if (now - stuckCheckedAt >= STUCK_CHECK_EVERY_MS) {
        stuckCheckedAt = now;
        detectStuck(now);
      }
      skipOverlapping(store, now);
      releaseMetConditions(store, deps.power);
      for (const run of leaseAll(store, leaseOptions(now))) launch(run);
      arm(now);
    } catch (error) {
      logger.error('Worker tick failed; retrying shortly', {
        error: error instanceof Error ? error.stack : String(error),
      });
      cancelTimer = clock.setTimer(tick, 1000);
    }
  }

  function leaseOptions(now: number): LeaseOptions {
    const max = Math.max(1, deps.settings.get().maxConcurrentRuns);
    return { owner, now, maxConcurrentRuns: max, describeTime, power: deps.power };
  }

  function arm(now: number): void {
    // An empty queue sets no timer: only a queued run (wake()) can give it work. Anything queued or
    // running keeps the 30 s watch, for due retries, released dependents and stuck runs.
    if (!store.runs.anyActive() && executions.size === 0) return;
    const next = nextAttemptAt(store, now);
    // Runs held for AC power or idle time start when a reading meets their conditions: read again soon.
    const ceiling = heldForConditions(store) ? CONDITION_POLL_MS : MAX_SLEEP_MS;
    const wait = next === null ? ceiling : Math.min(ceiling, Math.max(0, next - now));
    cancelTimer = clock.setTimer(tick, wait);
  }

  function launch(run: RunRow): void {
    stats.started++;
    const controller = new AbortController();
    const execution: Execution = { run, controller, done: Promise.resolve() };
    let finalWrite: (() => void) | undefined;
    execution.done = executeRun({
      run,
      store,
      clock,
      services: deps.services,
      signal: controller.signal,
      random,
      finalWrite: (write) => (finalWrite = write),
    })
      .catch((error: unknown): RunOutcome => {
        logger.error('Run execution crashed', {
          runId: run.id,
          error: error instanceof Error ? error.stack : String(error),
        });
        const text = error instanceof Error ? error.message : String(error);
        return { status: 'failed', kind: 'permanent', error: { reason: 'internal', error: text, signals: [] } };
      })
      .then((outcome) => finish(run, outcome, finalWrite));
    executions.set(run.id, execution);
    // Leases are renewed only while something runs: an idle worker sets no heartbeat timer.
    cancelHeartbeat ??= clock.setTimer(heartbeat, HEARTBEAT_EVERY_MS);
  }

  async function finish(run: RunRow, outcome: RunOutcome, finalWrite: (() => void) | undefined): Promise<void> {
    let leased: RunRow[] = [];
    // Whether a tick must follow: the commit leased nothing, or something it could not see needs one.
    let tickAfter = true;
    try {
      const now = clock.now();
      // The turn's group commit takes the last step's completion, the outcome and the lease of the
      // slot the run frees: the next run starts without a commit, or a tick, of its own.
      const ended = await store.writeSoon((tx) => {
        finalWrite?.();
        const settled = settleRun(store, tx, { runId: run.id, outcome, now, random });
        const next = running && !deps.held?.() ? leaseAllInTx(store, tx, leaseOptions(now)) : [];
        return { next, retried: settled?.retry !== undefined };
      });
      leased = ended.next;
      stats.finished++;
      const released = outcome.status === 'interrupted' ? [] : releaseDependents(store, run.taskId);
      // A retry's due time needs the timer set again, released dependents a lease; with neither, a
      // tick would only find the slots full (fires and the timer still wake it for everything else).
      tickAfter = leased.length === 0 || ended.retried || released.length > 0;
    } catch (error) {
      // The database is gone (stopped mid-write) or broken: recovery at the next start takes over.
      logger.error('Could not record the end of a run', { runId: run.id, error: String(error) });
    } finally {
      executions.delete(run.id);
      startLeased(leased);
      if (running && tickAfter) wake();
    }
  }

  /** Runs leased as another ended; a stop that came meanwhile puts them back, to resume at the next start. */
  function startLeased(leased: RunRow[]): void {
    if (running) {
      for (const next of leased) launch(next);
      return;
    }
    try {
      if (leased.length > 0) store.write(() => leased.forEach((next) => requeueInterrupted(store, next.id)));
    } catch (error) {
      logger.error('Could not put back runs leased during a stop', { error: String(error) });
    }
  }

  function heartbeat(): void {
    cancelHeartbeat = undefined;
    if (!running || executions.size === 0) return;
    const now = clock.now();
    try {
      store.write(() => store.runs.heartbeat([...executions.keys()], owner, LEASE_MS, now));
    } catch (error) {
      logger.error('Lease renewal failed', { error: String(error) });
    }
    cancelHeartbeat = clock.setTimer(heartbeat, HEARTBEAT_EVERY_MS);
  }

  function detectStuck(now: number): void {
    const stale = store.runs
      .listByStatus(['running'])
      .filter((r) => !executions.has(r.id) && (r.heartbeatAt ?? 0) < now - STUCK_AFTER_MS);
    for (const run of stale) {
      const silentS = Math.round((now - (run.heartbeatAt ?? run.startedAt ?? now)) / 1000);
      const cause = `no heartbeat for ${silentS} s`;
      stats.stuck++;
      const message = `A run was stuck (${cause}); it was put back in the queue to resume`;
      store.write((tx) =>
        tx.record({
          type: 'run:stuck',
          taskId: run.taskId,
          runId: run.id,
          summary: message,
          payload: { silentS, owner: run.leaseOwner },
        }),
      );
      logger.warn(message, { runId: run.id });
      void deps.notifier.notify({ title: 'Stuck run recovered', body: message, runId: run.id, taskId: run.taskId });
      if (recoverRun(store, run.id, now, cause)) stats.recovered++;
    }
  }

  function wake(): void {
    if (!running || leftovers || cancelWake) return;
    cancelWake = clock.setTimer(tick, 0);
  }

  function abortAll(reason: AbortReason): void {
    for (const e of executions.values()) e.controller.abort(reason);
  }

  return {
    stats,
    start() {
      if (running) return;
      running = true;
      const recovered = recoverAtStart(store, owner, clock.now());
      regateAll(store);
      stats.recovered += recovered.length;
      if (recovered.length > 0) logger.info('Recovered runs left running', { count: recovered.length });
      unwatchCancel = onCancelRequested(store, (runId) => {
        const execution = executions.get(runId);
        execution?.controller.abort('cancelled' satisfies AbortReason);
        return execution !== undefined;
      });
      if (hasLeftoverProcesses(store) || hasLeftoverWorktrees(store)) {
        // Processes first: an agent still writing in a worktree would race its removal.
        leftovers = stopLeftoverProcesses({ store, clock, logger })
          .then(
            () => undefined,
            (error: unknown) =>
              logger.error('Could not stop the processes a previous host left', { error: String(error) }),
          )
          .then(() => removeLeftoverWorktrees({ store, logger }))
          .then(
            () => undefined,
            (error: unknown) =>
              logger.error('Could not remove the worktrees a previous host left', { error: String(error) }),
          )
          .finally(() => {
            leftovers = undefined;
            wake();
          });
        return;
      }
      // The first tick on a timer, like every other: start() returns before any run is leased.
      wake();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelHeartbeat?.();
      cancelHeartbeat = undefined;
      cancelWake?.();
      cancelWake = undefined;
      unwatchCancel?.();
      await leftovers;
      abortAll('shutdown');
      await Promise.all([...executions.values()].map((e) => e.done));
    },
    wake,
    inFlight: () => [...executions.keys()],
    async idle() {
      while (executions.size > 0) await Promise.all([...executions.values()].map((e) => e.done));
    },
  };
}
