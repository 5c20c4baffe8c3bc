// The run state machine: the one module that writes a run's status and, from it, its task's. Each
// transition writes the row, the timeline event and the push events in the caller's transaction.
//
//   queued ──startRun──> running ──settleRun──> succeeded | failed | cancelled | timed_out
//     │  ^                 │  │                     (failed and timed_out may queue attempt + 1)
//     │  └─requeueInterrupted┘  └─parkForApproval──> halted ──> awaiting_approval
//     └─skipRun──> skipped                                       │ approve: resumeApproved -> queued
//                                                                │ reject, expire: finishInTx -> failed
//
// The task follows: 'running' at startRun; 'halted' while a run waits for approval; at the end
// 'complete', 'failed', or back to 'scheduled'/'pending' after a cancellation (settleTask). Each
// move is pushed as 'task:progress' (what changed), never as a whole task read again.
import type { RunError, RunStatus } from '../model/types';
import type { RunRow } from '../db/repos/runs-repo';
import type { LeaseCandidate } from '../db/repos/queue-sql';
import { approvalToApi } from '../db/repos/approval-view';
import { newId } from '../lib/ids';
import type { Store, TxContext } from '../store';
import type { ApprovalRequest, FailureKind, RunOutcome } from '../model/outcome';
import { parseRetryPolicy } from '../model/retry-policy';
import { uncertaintyQuestion } from '../pipeline/approval-request';
import { judgedSubject } from '../pipeline/approval-subject';
import { retryDecision } from './retry';

export type FinalStatus = Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled' | 'timed_out'>;

export const FINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'skipped'];

export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
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
  if (store.runs.runningCount(taskId) > 0) return;
  const progress = store.tasks.setStatus(
    taskId,
    status === 'succeeded'
      ? { status: 'complete' }
      : status === 'cancelled'
        ? { status: 'idle' }
        : { status: 'failed', lastError: error ? store.redactor.text(error.error) : null },
    now,
  );
  if (progress) tx.publish('task:progress', { task: progress });
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
  const title = store.tasks.titleOf(run.taskId);
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

/** queued -> running: the run is leased to `owner` until `expiresAt`, and its task shows 'running'. */
export function startRun(
  store: Store,
  tx: TxContext,
  c: LeaseCandidate,
  lease: { owner: string; now: number; expiresAt: number },
): RunRow {
  const { now, owner, expiresAt } = lease;
  const run = store.runs.lease(c.id, owner, expiresAt, now) ?? store.runs.get(c.id)!;
  const progress = store.tasks.setStatus(c.task_id, { status: 'running' }, now);
  tx.record({
    type: 'run:started',
    taskId: c.task_id,
    runId: c.id,
    summary: `Started "${store.tasks.titleOf(c.task_id)}"${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}${run.interrupted ? ', resuming' : ''}`,
    payload: { attempt: run.attempt, resumed: run.interrupted },
  });
  tx.publish('run:updated', { run: store.runs.toApi(run) });
  if (progress) tx.publish('task:progress', { task: progress });
  return run;
}

/** queued -> skipped, for the overlap policy: the task keeps the status its running run gave it. */
export function skipRun(store: Store, tx: TxContext, id: string, now: number): RunRow {
  const reason = 'skipped: the previous run was still running';
  const run = store.runs.finish(id, 'skipped', { reason, error: reason, signals: ['overlap_policy=skip'] }, now);
  store.occurrences.markSkippedByOverlap(id, now);
  tx.record({
    type: 'run:skipped',
    taskId: run.taskId,
    runId: id,
    summary: `Skipped "${store.tasks.titleOf(run.taskId)}": the previous run was still running`,
  });
  tx.publish('run:updated', { run: store.runs.toApi(run) });
  return run;
}

/**
 * running -> halted -> awaiting_approval, inside the caller's transaction: the running run halts (timeline event 'run:halted' with the
 * error), gets its approval row, and waits as awaiting_approval with its lease dropped. The task
 * shows 'halted' while no other run of it runs. The run:updated push makes the notification centre
 * say "approval needed" with the question.
 */
export function parkForApproval(
  store: Store,
  tx: TxContext,
  run: RunRow,
  error: RunError,
  request: ApprovalRequest,
  now: number,
): RunRow {
  const title = store.tasks.titleOf(run.taskId);
  const subject = judgedSubject(store, run.id, request.context);
  const judgesAnother = subject !== null && subject.stepId !== request.context.step.id;
  const question =
    judgesAnother && request.context.kind === 'uncertainty'
      ? uncertaintyQuestion(title, request.context.signals, subject)
      : request.question;
  const errorJson = store.redactor.json(error);
  store.runs.park(run.id, 'halted', errorJson);
  tx.record({
    type: 'run:halted',
    taskId: run.taskId,
    runId: run.id,
    summary: `Halted "${title}" at step ${request.stepId}: ${error.error}`,
    payload: { error, stepId: request.stepId },
  });
  const approval = store.approvals.create(
    {
      id: newId(),
      runId: run.id,
      taskId: run.taskId,
      stepId: request.stepId,
      question,
      context: { ...request.context, subject },
      expiresAt: request.expiresAt,
    },
    now,
  );
  store.runs.park(run.id, 'awaiting_approval', errorJson);
  tx.record({
    type: 'approval:requested',
    taskId: run.taskId,
    runId: run.id,
    summary: `"${title}" needs your approval: ${question}`,
    payload: { approvalId: approval.id, stepId: request.stepId },
  });
  if (store.runs.runningCount(run.taskId) === 0) {
    const progress = store.tasks.setStatus(
      run.taskId,
      { status: 'halted', lastError: store.redactor.text(error.error) },
      now,
    );
    if (progress) tx.publish('task:progress', { task: progress });
  }
  const parked = store.runs.get(run.id)!;
  tx.publish('approval:created', { approval: approvalToApi(approval, store.tasks.titleOf) });
  tx.publish('run:updated', { run: store.runs.toApi(parked) });
  return parked;
}

/** running -> queued, interrupted: a shutdown or a crash; the run resumes from its checkpoints. */
export function requeueInterrupted(store: Store, runId: string): RunRow {
  return store.runs.requeue(runId, { interrupted: true });
}

/** awaiting_approval -> queued, after an approval: the run resumes from its checkpoints. */
export function resumeApproved(store: Store, run: RunRow): void {
  store.runs.requeueApproved(run.id);
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

/** An executor's outcome for a running run, and what applying it needs. */
export interface Settlement {
  runId: string;
  outcome: RunOutcome;
  now: number;
  random: () => number;
}

/**
 * Applies an executor's outcome to a running run, inside the caller's transaction (the worker's
 * group commit, where concurrent runs that end together share one commit). Failures and time-outs
 * of a retryable kind get a NEW run row (attempt + 1, retry_of, trigger 'retry', next_attempt_at =
 * now + backoff), so every attempt stays visible. Returns undefined when the run is no longer
 * running (recovered meanwhile).
 */
export function settleRun(
  store: Store,
  tx: TxContext,
  settlement: Settlement,
): { run: RunRow; retry?: RunRow } | undefined {
  const { runId, outcome, now, random } = settlement;
  {
    const run = store.runs.get(runId);
    if (!run || run.status !== 'running') return undefined;
    if (outcome.status === 'interrupted') {
      const queued = requeueInterrupted(store, runId);
      tx.record({
        type: 'run:interrupted',
        taskId: run.taskId,
        runId,
        summary: `Interrupted "${store.tasks.titleOf(run.taskId)}" at shutdown; it resumes at the next start`,
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
    const policyJson = store.tasks.retryPolicyJson(run.taskId);
    const decision = retryDecision({ kind }, run.attempt, parseRetryPolicy(policyJson), random);
    if (!decision.retry) return { run: done };
    const retry = insertNextAttempt(store, run, now, { nextAttemptAt: now + decision.delayMs });
    tx.record({
      type: 'run:retry_scheduled',
      taskId: run.taskId,
      runId: retry.id,
      summary: `Will retry "${store.tasks.titleOf(run.taskId)}" (attempt ${retry.attempt}) in ${Math.round(decision.delayMs / 100) / 10} s`,
      payload: { retryOf: run.id, attempt: retry.attempt, delayMs: decision.delayMs },
    });
    tx.publish('run:queued', { run: store.runs.toApi(retry) });
    return { run: done, retry };
  }
}
