// How a run ends: the final row, the task's status, a retry as a new attempt, the timeline event
// and the push events, all in one transaction. Shared by the worker, cancellation and recovery.
import type { RunError, RunStatus } from '../api/types';
import type { RunRow } from '../db/repos/runs-repo';
import { newId } from '../lib/ids';
import type { Store, TxContext } from '../store';
import type { FailureKind } from '../tools/tool';
import { parseRetryPolicy, retryDecision } from './retry';
import { statement } from '../db/statements';
import { parkForApproval, type ApprovalRequest } from '../approvals/request';

export type FinalStatus = Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled' | 'timed_out'>;

export type RunOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; kind: FailureKind; error: RunError }
  | { status: 'timed_out'; error: RunError }
  | { status: 'cancelled'; error: RunError }
  /** Stopped by a shutdown: back to the queue, to resume from its checkpoints at the next start. */
  | { status: 'interrupted' }
  /** Halted by the uncertainty checks or an approval step: waits for a person (approvals/request.ts). */
  | { status: 'awaiting_approval'; error: RunError; approval: ApprovalRequest };

export const FINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'skipped'];

export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

function taskTitle(store: Store, taskId: string): string {
  return (
    (statement(store.db, 'SELECT title FROM tasks WHERE id = ?').pluck().get(taskId) as string | undefined) ?? taskId
  );
}

/**
 * The task follows its runs simply: 'running' while one runs (set at lease), then, once none runs,
 * 'complete' after a success, 'failed' (with last_error) after a failure or time-out, and back to
 * 'scheduled' or 'pending' after a cancellation. A status the user set by hand is overwritten by
 * the next run's end: the board shows what the last run did.
 */
function settleTask(
  store: Store,
  tx: TxContext,
  taskId: string,
  status: FinalStatus,
  error: RunError | null,
  now: number,
): void {
  const stillRunning = statement(store.db, `SELECT count(*) FROM runs WHERE task_id = ? AND status = 'running'`)
    .pluck()
    .get(taskId) as number;
  if (stillRunning > 0) return;
  const changed =
    status === 'succeeded'
      ? statement(
          store.db,
          `UPDATE tasks SET status = 'complete', completed_at = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
        ).run(now, now, taskId)
      : status === 'cancelled'
        ? store.db
            .prepare(
              `UPDATE tasks SET status = CASE WHEN next_run_at IS NULL THEN 'pending' ELSE 'scheduled' END, updated_at = ? WHERE id = ?`,
            )
            .run(now, taskId)
        : store.db
            .prepare(
              `UPDATE tasks SET status = 'failed', last_error = ?, completed_at = ?, updated_at = ? WHERE id = ?`,
            )
            .run(error ? store.redactor.text(error.error) : null, now, now, taskId);
  const task = changed.changes > 0 ? store.tasks.get(taskId) : undefined;
  if (task) tx.publish('task:updated', { task });
}

const VERB: Record<FinalStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
};

/** Ends a run inside the caller's transaction. */
export function finishInTx(
  store: Store,
  tx: TxContext,
  run: RunRow,
  status: FinalStatus,
  error: RunError | null,
  now: number,
): RunRow {
  const done = store.runs.finish(run.id, status, error, now);
  const title = taskTitle(store, run.taskId);
  tx.record({
    type: `run:${status}`,
    taskId: run.taskId,
    runId: run.id,
    summary: `${VERB[status]}: "${title}"${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}${error ? ` — ${error.error}` : ''}`,
    payload: { attempt: run.attempt, ...(error ? { error } : {}) },
  });
  tx.publish('run:updated', { run: store.runs.toApi(done) });
  settleTask(store, tx, run.taskId, status, error, now);
  return done;
}

/**
 * Queues the next attempt of a run as a new row (attempt + 1, retry_of, trigger 'retry'), so every
 * attempt stays visible. It is due at `nextAttemptAt`, or at once.
 */
export function insertNextAttempt(
  store: Store,
  run: RunRow,
  now: number,
  when: { scheduledFor?: number; nextAttemptAt?: number } = {},
): RunRow {
  return store.runs.insert(
    {
      id: newId(),
      taskId: run.taskId,
      trigger: 'retry',
      scheduledFor: when.scheduledFor ?? run.scheduledFor,
      priority: run.priority,
      attempt: run.attempt + 1,
      retryOf: run.id,
      params: run.params,
      ...(when.nextAttemptAt !== undefined ? { nextAttemptAt: when.nextAttemptAt } : {}),
    },
    now,
  );
}

/**
 * Applies an executor's outcome to a running run. Failures and time-outs of a retryable kind get a
 * NEW run row (attempt + 1, retry_of, trigger 'retry', next_attempt_at = now + backoff), so every
 * attempt stays visible. Returns undefined when the run is no longer running (recovered meanwhile).
 * Written in this turn's group commit: concurrent runs that end together share one commit.
 */
export function settleRun(
  store: Store,
  runId: string,
  outcome: RunOutcome,
  now: number,
  random: () => number,
  /** A write that must commit with the outcome, first: the last step's checkpoint completion. */
  before?: () => void,
): Promise<{ run: RunRow; retry?: RunRow } | undefined> {
  return store.writeSoon((tx) => {
    before?.();
    return settleInTx(store, tx, runId, outcome, now, random);
  });
}

function settleInTx(
  store: Store,
  tx: TxContext,
  runId: string,
  outcome: RunOutcome,
  now: number,
  random: () => number,
): { run: RunRow; retry?: RunRow } | undefined {
  {
    const run = store.runs.get(runId);
    if (!run || run.status !== 'running') return undefined;
    if (outcome.status === 'interrupted') {
      const queued = store.runs.requeue(runId, { interrupted: true });
      tx.record({
        type: 'run:interrupted',
        taskId: run.taskId,
        runId,
        summary: `Interrupted "${taskTitle(store, run.taskId)}" at shutdown; it resumes at the next start`,
      });
      tx.publish('run:updated', { run: store.runs.toApi(queued) });
      return { run: queued };
    }
    if (outcome.status === 'awaiting_approval') {
      return { run: parkForApproval(store, tx, run, outcome.error, outcome.approval, now) };
    }
    const error = outcome.status === 'succeeded' ? null : outcome.error;
    const done = finishInTx(store, tx, run, outcome.status, error, now);
    if (outcome.status !== 'failed' && outcome.status !== 'timed_out') return { run: done };
    const kind: FailureKind = outcome.status === 'timed_out' ? 'timeout' : outcome.kind;
    const policyJson = statement(store.db, 'SELECT retry_policy FROM tasks WHERE id = ?').pluck().get(run.taskId);
    const decision = retryDecision({ kind }, run.attempt, parseRetryPolicy(policyJson), random);
    if (!decision.retry) return { run: done };
    const retry = insertNextAttempt(store, run, now, { nextAttemptAt: now + decision.delayMs });
    tx.record({
      type: 'run:retry_scheduled',
      taskId: run.taskId,
      runId: retry.id,
      summary: `Will retry "${taskTitle(store, run.taskId)}" (attempt ${retry.attempt}) in ${Math.round(decision.delayMs / 100) / 10} s`,
      payload: { retryOf: run.id, attempt: retry.attempt, delayMs: decision.delayMs },
    });
    tx.publish('run:queued', { run: store.runs.toApi(retry) });
    return { run: done, retry };
  }
}
