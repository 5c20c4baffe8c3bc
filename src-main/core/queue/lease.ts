// Leasing: which queued run starts next, under the global, per-task and per-key limits, the
// dependency gate and the overlap policy. Each export writes in one IMMEDIATE transaction, and opens
// none when a read shows there is nothing to write (the common case on a busy queue's ticks).
import type { RunRow } from '../db/repos/runs-repo';
import type { Store, TxContext } from '../store';
import { dependencyGate, dependentsToRelease } from './dependencies';
import { statement } from '../db/statements';

/** A lease lasts this long unless its worker renews it; recovery reclaims expired ones. */
export const LEASE_MS = 60_000;

export interface LeaseOptions {
  owner: string;
  now: number;
  maxConcurrentRuns: number;
  /** Formats an instant in the display timezone, for the reasons the dependency gate writes. */
  describeTime: (ms: number) => string;
}

interface Candidate {
  id: string;
  task_id: string;
  queued_at: number;
  retry_of: string | null;
}

// Due, not parked by the gate, its task under max_concurrent_runs, its concurrency key free.
// Ordered by priority, then the time it was meant to run; ties by queue time and id, so the order is total.
const CANDIDATES_SQL = `
  SELECT r.id, r.task_id, r.queued_at, r.retry_of FROM runs r JOIN tasks t ON t.id = r.task_id
  WHERE r.status = 'queued' AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= @now)
    AND r.waiting_reason IS NULL AND r.blocked_reason IS NULL
    AND (SELECT count(*) FROM runs x WHERE x.task_id = r.task_id AND x.status = 'running') < t.max_concurrent_runs
    AND (t.concurrency_key IS NULL OR NOT EXISTS (
      SELECT 1 FROM runs x JOIN tasks xt ON xt.id = x.task_id
      WHERE x.status = 'running' AND xt.concurrency_key = t.concurrency_key))
  ORDER BY r.priority DESC, r.scheduled_for, r.queued_at, r.id
  LIMIT 1`;

function publishRun(store: Store, tx: TxContext, run: RunRow): void {
  tx.publish('run:updated', { run: store.runs.toApi(run) });
}

function taskTitle(store: Store, taskId: string): string {
  return (
    (statement(store.db, 'SELECT title FROM tasks WHERE id = ?').pluck().get(taskId) as string | undefined) ?? taskId
  );
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
  return store.write((tx) => {
    const leased: RunRow[] = [];
    // Counted again inside the transaction, then kept: each lease adds one running run.
    for (let running = countRunning(store); running < options.maxConcurrentRuns; running++) {
      const run = leaseInTx(store, tx, options);
      if (!run) break;
      leased.push(run);
    }
    return leased;
  });
}

function countRunning(store: Store): number {
  return statement(store.db, `SELECT count(*) FROM runs WHERE status = 'running'`).pluck().get() as number;
}

/** Leases the next run that may start, under the per-task and per-key limits; the caller checked the global one. */
function leaseInTx(store: Store, tx: TxContext, options: LeaseOptions): RunRow | undefined {
  const { db } = store;
  // One candidate at a time: the first one is almost always ready, and a gated one drops out of
  // the query once its reason is written.
  const candidate = statement<{ now: number }, Candidate>(db, CANDIDATES_SQL);
  for (let c = candidate.get({ now: options.now }); c; c = candidate.get({ now: options.now })) {
    const gate = dependencyGate(
      db,
      { taskId: c.task_id, queuedAt: c.queued_at, retryOf: c.retry_of },
      options.describeTime,
    );
    if (gate.state === 'ready') return start(store, tx, c, options);
    const title = taskTitle(store, c.task_id);
    const on = gate.on.map((id) => `"${taskTitle(store, id)}"`).join(', ');
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

function start(store: Store, tx: TxContext, c: Candidate, options: LeaseOptions): RunRow {
  const { now, owner } = options;
  statement(
    store.db,
    `UPDATE runs SET status = 'running', lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?,
     started_at = coalesce(started_at, ?), cancel_requested = 0 WHERE id = ? AND status = 'queued'`,
  ).run(owner, now + LEASE_MS, now, now, c.id);
  statement(store.db, `UPDATE tasks SET status = 'running', started_at = ?, updated_at = ? WHERE id = ?`).run(
    now,
    now,
    c.task_id,
  );
  const run = store.runs.get(c.id)!;
  const task = store.tasks.get(c.task_id)!;
  tx.record({
    type: 'run:started',
    taskId: c.task_id,
    runId: c.id,
    summary: `Started "${task.title}"${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}${run.interrupted ? ', resuming' : ''}`,
    payload: { attempt: run.attempt, resumed: run.interrupted },
  });
  publishRun(store, tx, run);
  tx.publish('task:updated', { task });
  return run;
}

/** Scheduled runs still queued (read from runs_scheduled_queued, migration 0005) whose task is busy. */
export const OVERLAPPING_SQL = `SELECT r.id FROM runs r INDEXED BY runs_scheduled_queued JOIN tasks t ON t.id = r.task_id
  WHERE r.status = 'queued' AND r.trigger IN ('schedule', 'catch_up') AND t.overlap_policy = 'skip'
    AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ?)
    AND (SELECT count(*) FROM runs x WHERE x.task_id = r.task_id AND x.status = 'running') >= t.max_concurrent_runs`;

/**
 * Overlap protection: a scheduled run of a task that is already running as often as it may, with
 * overlap_policy 'skip', is skipped (status 'skipped', not 'cancelled': nobody cancelled it) and says why. Manual runs and retries are never skipped:
 * someone asked for them, so they wait their turn.
 */
export function skipOverlapping(store: Store, now: number): RunRow[] {
  // Read first: on almost every tick there is nothing to skip, and then no transaction is opened.
  const find = (): string[] => statement(store.db, OVERLAPPING_SQL).pluck().all(now) as string[];
  if (find().length === 0) return [];
  return store.write((tx) =>
    find().map((id) => {
      const reason = 'skipped: the previous run was still running';
      const run = store.runs.finish(id, 'skipped', { reason, error: reason, signals: ['overlap_policy=skip'] }, now);
      tx.record({
        type: 'run:skipped',
        taskId: run.taskId,
        runId: id,
        summary: `Skipped "${taskTitle(store, run.taskId)}": the previous run was still running`,
      });
      publishRun(store, tx, run);
      return run;
    }),
  );
}

/** A run of `finishedTaskId` finished: its dependents' queued runs go back to the gate. */
export function releaseDependents(store: Store, finishedTaskId: string): string[] {
  // Read first: most tasks have no dependents, and then no transaction is opened.
  if (dependentsToRelease(store.db, finishedTaskId).length === 0) return [];
  return store.write(() => {
    const ids = dependentsToRelease(store.db, finishedTaskId);
    for (const id of ids) store.runs.setGate(id, { waitingReason: null, blockedReason: null });
    return ids;
  });
}

/**
 * Every parked run goes back to the gate: at start, and after the dependency edges changed (an edge
 * removed can release a run no finishing dependency would ever release).
 */
export function regateAll(store: Store): number {
  return store.write(
    () =>
      store.db
        .prepare(
          `UPDATE runs SET waiting_reason = NULL, blocked_reason = NULL
           WHERE status = 'queued' AND (waiting_reason IS NOT NULL OR blocked_reason IS NOT NULL)`,
        )
        .run().changes,
  );
}

/** The earliest next_attempt_at still in the future, so the worker knows when to wake. */
// Read from the retry index (migration 0004), which holds only runs waiting for a retry: the
// planner would otherwise walk every queued run by status.
export const NEXT_ATTEMPT_SQL = `SELECT next_attempt_at FROM runs INDEXED BY runs_retry_due
  WHERE status = 'queued' AND next_attempt_at > ? ORDER BY next_attempt_at LIMIT 1`;

export function nextAttemptAt(store: Store, now: number): number | null {
  return (statement(store.db, NEXT_ATTEMPT_SQL).pluck().get(now) as number | undefined) ?? null;
}
