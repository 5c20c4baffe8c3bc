// Deciding an approval. Approve: the halted step's checkpoint is completed with the approved output
// (the step's own, or the edited one given; an approval.request step gets the decision), and the same
// run goes back to the queue to resume: completed steps replay, the rest run. Reject: the run ends
// 'failed' with reason 'rejected' (a failure rather than a cancellation: the run did not do its job,
// the task shows it, and its rollback is offered). An approval past expires_at counts as a rejection.
import type { Approval, ApprovalStatus, BudgetDecision } from '../model/types';
import type { Approval as ApprovalRow } from '../db/repos/approvals-repo';
import type { RunRow } from '../db/repos/runs-repo';
import { AppError, notFound } from '../lib/errors';
import type { StepSnapshot } from '../pipeline/checkpoints';
import { hashJson } from '../pipeline/hash';
import { finishInTx, resumeApproved } from '../queue/transitions';
import type { Store, TxContext } from '../store';
import type { ApprovalContext } from '../model/outcome';
import { haltingBudgetIn } from '../model/budget-halt';
import { approvalToApi, type StoredDecision } from '../db/repos/approval-view';
import { budgetDecisionFor, budgetDecisionSummary } from './budget-halt';
import { logDecision } from './decision-log';

export interface Decision {
  id: string;
  /** On a budget halt, approve means continue_over_budget. */
  decision: 'approve' | 'reject' | BudgetDecision;
  /** Approve only: replaces the halted step's output (for an approval step: goes to its output). */
  input?: unknown;
  /** raise_budget: the new limit, saved by the caller before deciding (budget-decisions.ts). */
  budgetUsd?: number;
  note?: string;
}

/** The output an approval.request step replays with once approved. */
export interface ApprovalStepOutput {
  approved: true;
  input: unknown;
  note: string | null;
}

function awaitingRun(store: Store, approval: ApprovalRow): RunRow {
  const run = store.runs.get(approval.runId);
  if (!run || run.status !== 'awaiting_approval') {
    throw new AppError(
      'conflict',
      `Approval ${approval.id} can no longer be decided: its run is ${run ? run.status : 'gone'}.`,
      { id: approval.id, runStatus: run?.status ?? null },
    );
  }
  return run;
}

/** Completes the halted step with the approved output, or leaves it to run again when it had none. */
function approveStep(store: Store, approval: ApprovalRow, input: unknown, note: string | undefined, now: number): void {
  const context = approval.context as Partial<ApprovalContext>;
  const halted = store.checkpoints
    .listForRun(approval.runId)
    .filter((c) => c.stepName === approval.stepId && c.status === 'failed')
    .at(-1);
  if (!halted) return;
  const snapshot = (halted.stateSnapshot ?? {}) as StepSnapshot;
  let output: unknown;
  if (context.kind === 'approval_step') {
    output = { approved: true, input: input ?? null, note: note ?? null } satisfies ApprovalStepOutput;
  } else if (input !== undefined) output = input;
  else if ('output' in snapshot) output = snapshot.output;
  else return;
  store.checkpoints.complete(halted.id, hashJson(output ?? null), { ...snapshot, output }, now);
}

function endRejected(
  store: Store,
  tx: TxContext,
  approval: ApprovalRow,
  status: Extract<ApprovalStatus, 'rejected' | 'expired'>,
  decidedBy: string,
  note: string | undefined,
  now: number,
): ApprovalRow {
  const run = awaitingRun(store, approval);
  const stored: StoredDecision = note ? { note } : {};
  const decided = store.approvals.decide(approval.id, status, decidedBy, stored, now);
  const expired = status === 'expired';
  const error = {
    reason: 'rejected',
    error: expired
      ? `The approval expired without a decision: ${approval.question}`
      : `Rejected${note ? `: ${note}` : ' by the user'}`,
    signals: [`approval=${approval.id}`, ...(approval.stepId ? [`step=${approval.stepId}`] : []), status],
  };
  tx.record({
    type: expired ? 'approval:expired' : 'approval:rejected',
    taskId: approval.taskId,
    runId: approval.runId,
    summary: expired
      ? `The approval for "${store.tasks.titleOf(approval.taskId)}" expired; the run ends as rejected`
      : `Rejected "${store.tasks.titleOf(approval.taskId)}"${note ? `: ${note}` : ''}`,
    payload: { approvalId: approval.id, stepId: approval.stepId, note: note ?? null },
  });
  logDecision(store, tx, {
    runId: approval.runId,
    stepId: approval.stepId,
    status,
    decidedBy,
    edited: false,
    ...(note ? { note } : {}),
    at: now,
  });
  finishInTx(store, tx, run, 'failed', error, now);
  tx.publish('approval:updated', { approval: approvalToApi(decided, store.tasks.titleOf) });
  return decided;
}

/** Approves or rejects a pending approval; one already decided, or expired, is a conflict. */
export function decideApproval(store: Store, decision: Decision, now: number, decidedBy = 'user'): Approval {
  expireDueApprovals(store, now);
  return store.write((tx) => {
    const approval = store.approvals.get(decision.id);
    if (!approval) throw notFound('Approval', decision.id);
    if (approval.status !== 'pending') {
      throw new AppError('conflict', `Approval ${approval.id} was already ${approval.status}.`, {
        id: approval.id,
        status: approval.status,
      });
    }
    if (decision.decision === 'reject') {
      return approvalToApi(
        endRejected(store, tx, approval, 'rejected', decidedBy, decision.note, now),
        store.tasks.titleOf,
      );
    }
    const run = awaitingRun(store, approval);
    const budget = budgetDecisionFor(haltingBudgetIn(approval.context), decision);
    const stored: StoredDecision = {
      ...(decision.input !== undefined ? { input: decision.input } : {}),
      ...(decision.note ? { note: decision.note } : {}),
      ...(budget ? { budget } : {}),
    };
    const decided = store.approvals.decide(approval.id, 'approved', decidedBy, stored, now);
    approveStep(store, approval, decision.input, decision.note, now);
    resumeApproved(store, run);
    const summary = budget
      ? budgetDecisionSummary(budget, store.tasks.titleOf(approval.taskId))
      : `Approved "${store.tasks.titleOf(approval.taskId)}"${decision.input !== undefined ? ' with edited input' : ''}; it resumes`;
    tx.record({
      type: 'approval:approved',
      taskId: approval.taskId,
      runId: approval.runId,
      summary: decision.note ? `${summary}: ${decision.note}` : summary,
      payload: {
        approvalId: approval.id,
        stepId: approval.stepId,
        edited: decision.input !== undefined,
        note: decision.note ?? null,
        ...(budget ? { budget } : {}),
      },
    });
    logDecision(store, tx, {
      runId: approval.runId,
      stepId: approval.stepId,
      status: 'approved',
      decidedBy,
      edited: decision.input !== undefined,
      ...(budget ? { budget } : {}),
      ...(decision.note ? { note: decision.note } : {}),
      at: now,
    });
    tx.publish('approval:updated', { approval: approvalToApi(decided, store.tasks.titleOf) });
    tx.publish('run:queued', { run: store.runs.toApi(store.runs.get(run.id)!) });
    return approvalToApi(decided, store.tasks.titleOf);
  });
}

/**
 * Ends every pending approval whose expires_at has passed as a rejection. Meant for a periodic
 * wake (the worker's tick or the scheduler's) and runs before every approvals call; returns how many
 * it expired. Reads first, so a wake with nothing due opens no transaction.
 */
export function expireDueApprovals(store: Store, now: number): number {
  const due = (): string[] => store.approvals.dueToExpire(now);
  if (due().length === 0) return 0;
  return store.write((tx) => {
    let expired = 0;
    for (const id of due()) {
      const approval = store.approvals.get(id)!;
      const run = store.runs.get(approval.runId);
      if (run?.status === 'awaiting_approval') {
        endRejected(store, tx, approval, 'expired', 'system', undefined, now);
      } else {
        // The run ended another way (cancelled): the question is moot.
        const decided = store.approvals.decide(id, 'expired', 'system', {}, now);
        tx.publish('approval:updated', { approval: approvalToApi(decided, store.tasks.titleOf) });
      }
      expired++;
    }
    return expired;
  });
}

/** Approvals, newest first; 'pending' lists only those whose run still waits for them. */
export function listApprovals(store: Store, status: ApprovalStatus | undefined, limit = 200): Approval[] {
  const ids = store.approvals.listIds(status, limit);
  return ids.map((id) => approvalToApi(store.approvals.get(id)!, store.tasks.titleOf));
}

export function getApproval(store: Store, id: string): Approval {
  const row = store.approvals.get(id);
  if (!row) throw notFound('Approval', id);
  return approvalToApi(row, store.tasks.titleOf);
}
