// Leasing: which queued run starts next, under the global, per-task and per-key limits, the
// dependency gate and the overlap policy. Each export writes in one IMMEDIATE transaction, and opens
// none when a read shows there is nothing to write (the common case on a busy queue's ticks).
import type { RunRow } from '../db/repos/runs-repo';
import type { LeaseCandidate } from '../db/repos/queue-sql';
import type { Store, TxContext } from '../store';
import { dependencyGate, dependentsToRelease } from './dependencies';
import { skipRun, startRun } from './transitions';
import type { PowerSource } from '../ports';
import { holdForConditions } from './condition-gate';

/** A lease lasts this long unless its worker renews it; recovery reclaims expired ones. */
export const LEASE_MS = 60_000;

export interface LeaseOptions {
  owner: string;
  now: number;
  maxConcurrentRuns: number;
  /** Formats an instant in the display timezone, for the reasons the dependency gate writes. */
  describeTime: (ms: number) => string;
  /** Read for tasks with run conditions (AC power, idle, battery); without it no run is held for them. */
  power?: PowerSource;
}

function publishRun(store: Store, tx: TxContext, run: RunRow): void {
  tx.publish('run:updated', { run: store.runs.toApi(run) });
}

/**
 * Leases the next run that may start, or returns undefined. Candidates the dependency gate holds back
 * get their waiting or blocked reason written (so queueStatus can say why) and drop out of the
 * candidates until releaseDependents clears it. The transaction is IMMEDIATE, so two workers
 * leasing at once are serialised by SQLite: the second one sees the first one's 'running' row.
 */
export function leaseNext(store: Store, options: LeaseOptions): RunRow | undefined {
  return store.write((tx) =>
    countRunning(store) < options.maxConcurrentRuns ? leaseInTx(store, tx, options) : undefined,
  );
}

/** Leases runs while one may start, all in one transaction: the worker's tick on a full queue. */
export function leaseAll(store: Store, options: LeaseOptions): RunRow[] {
  if (countRunning(store) >= options.maxConcurrentRuns) return [];
  return store.write((tx) => leaseAllInTx(store, tx, options));
}

/** leaseAll inside the caller's transaction: the worker leases the slots a run's end frees with it. */
export function leaseAllInTx(store: Store, tx: TxContext, options: LeaseOptions): RunRow[] {
  const leased: RunRow[] = [];
  // Counted inside the transaction, then kept: each lease adds one running run.
  for (let running = countRunning(store); running < options.maxConcurrentRuns; running++) {
    const run = leaseInTx(store, tx, options);
    if (!run) break;
    leased.push(run);
  }
  return leased;
}

function countRunning(store: Store): number {
  return store.runs.runningCount();
}

/** Leases the next run that may start, under the per-task and per-key limits; the caller checked the global one. */
function leaseInTx(store: Store, tx: TxContext, options: LeaseOptions): RunRow | undefined {
  // One candidate at a time: the first one is almost always ready, and a gated one drops out of
  // the query once its reason is written.
  const next = (): LeaseCandidate | undefined => store.runs.nextLeaseCandidate(options.now);
  for (let c = next(); c; c = next()) {
    const gate = dependencyGate(
      store.dependencies,
      { taskId: c.task_id, queuedAt: c.queued_at, retryOf: c.retry_of },
      options.describeTime,
    );
    if (gate.state === 'ready') {
      if (holdForConditions(store, tx, c, options.power)) continue;
      return startRun(store, tx, c, { owner: options.owner, now: options.now, expiresAt: options.now + LEASE_MS });
    }
    const title = store.tasks.titleOf(c.task_id);
    const on = gate.on.map((id) => `"${store.tasks.titleOf(id)}"`).join(', ');
    const waitingReason = gate.state === 'waiting' ? `Waiting for ${on} to succeed` : null;
    const blockedReason = gate.state === 'blocked' ? `Blocked: ${gate.reason}` : null;
    store.runs.setGate(c.id, { waitingReason, blockedReason });
    tx.record({
      type: gate.state === 'waiting' ? 'run:waiting' : 'run:blocked',
      taskId: c.task_id,
      runId: c.id,
      summary: `"${title}": ${waitingReason ?? blockedReason}`,
      payload: { on: gate.on },
    });
    publishRun(store, tx, store.runs.get(c.id)!);
  }
  return undefined;
}

/**
 * Overlap protection: a scheduled run of a task that is already running as often as it may, with
 * overlap_policy 'skip', is skipped (status 'skipped', not 'cancelled': nobody cancelled it) and says
 * why. Manual runs and retries are never skipped: someone asked for them, so they wait their turn.
 */
export function skipOverlapping(store: Store, now: number): RunRow[] {
  // Read first: on almost every tick there is nothing to skip, and then no transaction is opened.
  const find = (): string[] => store.runs.overlappingScheduled(now);
  if (find().length === 0) return [];
  return store.write((tx) => find().map((id) => skipRun(store, tx, id, now)));
}

/** A run of `finishedTaskId` finished: its dependents' queued runs go back to the gate. */
export function releaseDependents(store: Store, finishedTaskId: string): string[] {
  // Read first: most tasks have no dependents, and then no transaction is opened.
  if (dependentsToRelease(store.dependencies, finishedTaskId).length === 0) return [];
  return store.write(() => {
    const ids = dependentsToRelease(store.dependencies, finishedTaskId);
    for (const id of ids) store.runs.setGate(id, { waitingReason: null, blockedReason: null });
    return ids;
  });
}

/**
 * Every parked run goes back to the gate: at start, and after the dependency edges changed (an edge
 * removed can release a run no finishing dependency would ever release).
 */
export function regateAll(store: Store): number {
  return store.write(() => store.runs.regateAll());
}

/** The earliest next_attempt_at still in the future, so the worker knows when to wake. */
export function nextAttemptAt(store: Store, now: number): number | null {
  return store.runs.nextAttemptAt(now);
}
