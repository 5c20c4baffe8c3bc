// The runs table: the queue of executions. Leasing and the worker build on these rows.
import type { Database, Statement } from 'better-sqlite3';
import type { Run, RunError, RunStatus, RunTrigger } from '../../model/types';
import { Redactor } from '../../lib/redact';
import { isoOrNull, parseJson } from './json';
import { inChunks, rowsStatements, statement } from '../statements';
import { createRunTotals, listRuns, type RunListFilter } from './runs-list';
import { LEASE_CANDIDATE_SQL, NEXT_ATTEMPT_SQL, OVERLAPPING_SQL, type LeaseCandidate } from './queue-sql';

export interface RunRow {
  id: string;
  taskId: string;
  trigger: RunTrigger;
  scheduledFor: number;
  status: RunStatus;
  priority: number;
  attempt: number;
  retryOf: string | null;
  params: Record<string, unknown>;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: RunError | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  heartbeatAt: number | null;
  nextAttemptAt: number | null;
  /** The dependency gate's last "not yet" (cleared when a dependency finishes). */
  waitingReason: string | null;
  /** The dependency gate's last "a dependency failed" (cleared when a dependency finishes). */
  blockedReason: string | null;
  cancelRequested: boolean;
  interrupted: boolean;
}

// Rows are read as arrays of these columns, in this order: better-sqlite3 builds an array about
// twice as fast as an object with two dozen named properties, and the queue reads a run's row three
// times as it runs it (lease, settle, finish).
const COLUMNS = `id, task_id, trigger, scheduled_for, status, priority, attempt, retry_of, params, queued_at,
  started_at, finished_at, error, cost_usd, input_tokens, output_tokens, lease_owner, lease_expires_at,
  heartbeat_at, next_attempt_at, waiting_reason, blocked_reason, cancel_requested, interrupted`;

type Row = [
  id: string,
  taskId: string,
  trigger: string,
  scheduledFor: number,
  status: string,
  priority: number,
  attempt: number,
  retryOf: string | null,
  params: string,
  queuedAt: number,
  startedAt: number | null,
  finishedAt: number | null,
  error: string | null,
  costUsd: number,
  inputTokens: number,
  outputTokens: number,
  leaseOwner: string | null,
  leaseExpiresAt: number | null,
  heartbeatAt: number | null,
  nextAttemptAt: number | null,
  waitingReason: string | null,
  blockedReason: string | null,
  cancelRequested: number,
  interrupted: number,
];

function toRun(row: Row): RunRow {
  const [
    id,
    taskId,
    trigger,
    scheduledFor,
    status,
    priority,
    attempt,
    retryOf,
    params,
    queuedAt,
    startedAt,
    finishedAt,
    error,
    costUsd,
    inputTokens,
    outputTokens,
    leaseOwner,
    leaseExpiresAt,
    heartbeatAt,
    nextAttemptAt,
    waitingReason,
    blockedReason,
    cancelRequested,
    interrupted,
  ] = row;
  return {
    id,
    taskId,
    trigger: trigger as RunTrigger,
    scheduledFor,
    status: status as RunStatus,
    priority,
    attempt,
    retryOf,
    params: parseJson<Record<string, unknown>>(params) ?? {},
    queuedAt,
    startedAt,
    finishedAt,
    error: parseJson<RunError>(error),
    costUsd,
    inputTokens,
    outputTokens,
    leaseOwner,
    leaseExpiresAt,
    heartbeatAt,
    nextAttemptAt,
    waitingReason,
    blockedReason,
    cancelRequested: cancelRequested === 1,
    interrupted: interrupted === 1,
  };
}

export function runToApi(r: RunRow): Run {
  return {
    id: r.id,
    taskId: r.taskId,
    trigger: r.trigger,
    scheduledFor: isoOrNull(r.scheduledFor)!,
    status: r.status,
    attempt: r.attempt,
    queuedAt: isoOrNull(r.queuedAt)!,
    startedAt: isoOrNull(r.startedAt),
    finishedAt: isoOrNull(r.finishedAt),
    error: r.error,
    costUsd: r.costUsd,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
  };
}

/** A scheduled occurrence's run to queue. Its params are the task's as stored (JSON text). */
export interface OccurrenceRun {
  id: string;
  taskId: string;
  trigger: 'schedule' | 'catch_up';
  scheduledFor: number;
  priority: number;
  params: string;
}

/** A run as the insert of an occurrence leaves it, column defaults included, in the API's shape. */
function queuedOccurrence(run: OccurrenceRun, queuedAt: string, scheduledFor: string): Run {
  return {
    id: run.id,
    taskId: run.taskId,
    trigger: run.trigger,
    scheduledFor,
    status: 'queued',
    attempt: 1,
    queuedAt,
    startedAt: null,
    finishedAt: null,
    error: null,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
}

/** A run's error ({reason, error, signals}) is masked as it is written. */
export function createRunsRepo(db: Database, redactor: Redactor = new Redactor()) {
  const runTotals = createRunTotals(db);
  const getStmt = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM runs WHERE id = ?`).raw();
  const insertStmt = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, priority, attempt, retry_of, params, queued_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A scheduled run is given the param values stored on its task when it is queued, and keeps them
  // for its retries.
  const insertOccurrenceRows = rowsStatements<string>(db, {
    head: 'INSERT INTO runs (id, task_id, trigger, scheduled_for, priority, queued_at, params)',
    width: 7,
    tail: 'ON CONFLICT DO NOTHING RETURNING id',
  });
  // The row comes back from the update itself: a run's end and its start are published whole.
  const finishStmt = db
    .prepare<unknown[], Row>(
      `UPDATE runs SET status = ?, error = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
       waiting_reason = NULL, blocked_reason = NULL WHERE id = ? RETURNING ${COLUMNS}`,
    )
    .raw();
  const leaseStmt = db
    .prepare<unknown[], Row>(
      `UPDATE runs SET status = 'running', lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?,
       started_at = coalesce(started_at, ?), cancel_requested = 0 WHERE id = ? AND status = 'queued'
       RETURNING ${COLUMNS}`,
    )
    .raw();
  // listByStatus runs on every worker tick; one statement per number of statuses asked for.
  const byStatusStmts = new Map<number, Statement<unknown[], Row>>();
  return {
    toApi: runToApi,
    insert(
      run: {
        id: string;
        taskId: string;
        trigger: RunTrigger;
        scheduledFor: number;
        priority: number;
        attempt?: number;
        retryOf?: string | null;
        params?: Record<string, unknown>;
        nextAttemptAt?: number | null;
      },
      now: number,
    ): RunRow {
      insertStmt.run(
        run.id,
        run.taskId,
        run.trigger,
        run.scheduledFor,
        run.priority,
        run.attempt ?? 1,
        run.retryOf ?? null,
        JSON.stringify(run.params ?? {}),
        now,
        run.nextAttemptAt ?? null,
      );
      return toRun(getStmt.get(run.id)!);
    },
    /**
     * Queues the runs of scheduled occurrences, a chunk of rows per statement; an occurrence that
     * already has its run is left alone. Returns the runs queued, in the order given, as the API
     * shows them (built, not read back: a burst queues a thousand).
     */
    insertOccurrences(runs: readonly OccurrenceRun[], now: number): Run[] {
      const inserted = new Set<string>();
      inChunks(runs, (chunk) => {
        const values: unknown[] = [];
        for (const run of chunk)
          values.push(run.id, run.taskId, run.trigger, run.scheduledFor, run.priority, now, run.params);
        const stmt = insertOccurrenceRows(chunk.length);
        for (const id of stmt.pluck().all(values)) inserted.add(id);
      });
      const queuedAt = isoOrNull(now)!;
      // The runs of a burst share their scheduled time: its text is made once.
      let scheduled = { at: Number.NaN, iso: '' };
      const queued: Run[] = [];
      for (const run of runs) {
        if (!inserted.has(run.id)) continue;
        if (run.scheduledFor !== scheduled.at) scheduled = { at: run.scheduledFor, iso: isoOrNull(run.scheduledFor)! };
        queued.push(queuedOccurrence(run, queuedAt, scheduled.iso));
      }
      return queued;
    },
    get(id: string): RunRow | undefined {
      const row = getStmt.get(id);
      return row && toRun(row);
    },
    listForTask(taskId: string, limit: number): RunRow[] {
      return db
        .prepare<[string, number], Row>(
          `SELECT ${COLUMNS} FROM runs WHERE task_id = ? ORDER BY queued_at DESC, id LIMIT ?`,
        )
        .raw()
        .all(taskId, limit)
        .map(toRun);
    },
    finish(id: string, status: Exclude<RunStatus, 'queued' | 'running'>, error: RunError | null, now: number): RunRow {
      return toRun(finishStmt.get(status, error && redactor.json(error), now, id)!);
    },
    /** Rows in one status, in queue order: for the queue status view and recovery. */
    listByStatus(statuses: readonly RunStatus[], limit = 1000): RunRow[] {
      let stmt = byStatusStmts.get(statuses.length);
      if (!stmt) {
        const marks = statuses.map(() => '?').join(', ');
        stmt = db
          .prepare<unknown[], Row>(
            `SELECT ${COLUMNS} FROM runs WHERE status IN (${marks}) ORDER BY priority DESC, scheduled_for, queued_at, id LIMIT ?`,
          )
          .raw();
        byStatusStmts.set(statuses.length, stmt);
      }
      return stmt.all(...statuses, limit).map(toRun);
    },
    /** Back to the queue, lease dropped: after a shutdown, a crash or a stuck worker. Keeps started_at. */
    requeue(id: string, options: { interrupted: boolean; nextAttemptAt?: number | null }): RunRow {
      db.prepare(
        `UPDATE runs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, heartbeat_at = NULL,
         interrupted = ?, next_attempt_at = ? WHERE id = ?`,
      ).run(options.interrupted ? 1 : 0, options.nextAttemptAt ?? null, id);
      return toRun(getStmt.get(id)!);
    },
    setGate(id: string, gate: { waitingReason: string | null; blockedReason: string | null }): void {
      db.prepare('UPDATE runs SET waiting_reason = ?, blocked_reason = ? WHERE id = ?').run(
        gate.waitingReason,
        gate.blockedReason,
        id,
      );
    },
    requestCancel(id: string): RunRow {
      db.prepare('UPDATE runs SET cancel_requested = 1 WHERE id = ?').run(id);
      return toRun(getStmt.get(id)!);
    },
    setNextAttemptAt(id: string, at: number | null): RunRow {
      db.prepare('UPDATE runs SET next_attempt_at = ? WHERE id = ?').run(at, id);
      return toRun(getStmt.get(id)!);
    },
    /** Renews the leases of the runs this worker executes; returns how many it still holds. */
    heartbeat(ids: readonly string[], owner: string, leaseMs: number, now: number): number {
      const stmt = db.prepare(
        `UPDATE runs SET heartbeat_at = ?, lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      );
      let held = 0;
      for (const id of ids) held += stmt.run(now, now + leaseMs, id, owner).changes;
      return held;
    },
    addUsage(id: string, usage: { costUsd: number; inputTokens: number; outputTokens: number }): void {
      db.prepare(
        'UPDATE runs SET cost_usd = cost_usd + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ? WHERE id = ?',
      ).run(usage.costUsd, usage.inputTokens, usage.outputTokens, id);
    },
    /** A page of run ids, newest first, and how many match. */
    list: (filter: RunListFilter) => listRuns(db, filter, runTotals),
    /** Runs running now: all of them, or one task's. */
    runningCount(taskId?: string): number {
      return (
        taskId === undefined
          ? statement(db, `SELECT count(*) FROM runs WHERE status = 'running'`).pluck().get()
          : statement(db, `SELECT count(*) FROM runs WHERE task_id = ? AND status = 'running'`).pluck().get(taskId)
      ) as number;
    },
    /** True while any run is queued or running. */
    anyActive(): boolean {
      return (
        statement(db, `SELECT EXISTS (SELECT 1 FROM runs WHERE status IN ('queued', 'running'))`).pluck().get() === 1
      );
    },
    /** The next queued run that may start now (see LEASE_CANDIDATE_SQL). */
    nextLeaseCandidate(now: number): LeaseCandidate | undefined {
      return statement<{ now: number }, LeaseCandidate>(db, LEASE_CANDIDATE_SQL).get({ now });
    },
    /**
     * A queued run starts, leased to `owner` until `expiresAt`: the run as leased, or undefined if
     * it was not queued.
     */
    lease(id: string, owner: string, expiresAt: number, now: number): RunRow | undefined {
      const row = leaseStmt.get(owner, expiresAt, now, now, id);
      return row && toRun(row);
    },
    /** Scheduled runs still queued whose task already runs as often as it may (see OVERLAPPING_SQL). */
    overlappingScheduled(now: number): string[] {
      return statement(db, OVERLAPPING_SQL).pluck().all(now) as string[];
    },
    /** Every parked run goes back to the dependency gate; returns how many. */
    regateAll(): number {
      return statement(
        db,
        `UPDATE runs SET waiting_reason = NULL, blocked_reason = NULL
           WHERE status = 'queued' AND (waiting_reason IS NOT NULL OR blocked_reason IS NOT NULL)`,
      ).run().changes;
    },
    /** The earliest next_attempt_at after `now`, or null. */
    nextAttemptAt(now: number): number | null {
      return (statement(db, NEXT_ATTEMPT_SQL).pluck().get(now) as number | undefined) ?? null;
    },
    /** True when the run's failure queued another attempt. */
    hasRetry(id: string): boolean {
      return statement(db, 'SELECT EXISTS (SELECT 1 FROM runs WHERE retry_of = ?)').pluck().get(id) === 1;
    },
    /** The attempt queued after this one, if any. */
    nextAttemptOf(id: string): string | undefined {
      return statement(db, `SELECT id FROM runs WHERE retry_of = ? ORDER BY attempt, queued_at LIMIT 1`)
        .pluck()
        .get(id) as string | undefined;
    },
    /** A running run stops for a person: `status` with its error, its lease dropped. */
    park(id: string, status: 'halted' | 'awaiting_approval', errorJson: string | null): void {
      statement(
        db,
        `UPDATE runs SET status = ?, error = ?, lease_owner = NULL, lease_expires_at = NULL, heartbeat_at = NULL
     WHERE id = ?`,
      ).run(status, errorJson, id);
    },
    /** An approved run goes back to the queue, to resume from its checkpoints. */
    requeueApproved(id: string): void {
      statement(
        db,
        `UPDATE runs SET status = 'queued', error = NULL, lease_owner = NULL, lease_expires_at = NULL, heartbeat_at = NULL,
       next_attempt_at = NULL, interrupted = 1 WHERE id = ? AND status = 'awaiting_approval'`,
      ).run(id);
    },
  };
}
