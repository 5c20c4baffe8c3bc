// Asking for an approval: a halted run records why it stopped, creates the approval row and waits
// as awaiting_approval, holding no lease and no concurrency slot (leasing counts only running runs).
import type { ApprovalRequest } from '../model/outcome';
import type { RunError } from '../model/types';
import type { RunRow } from '../db/repos/runs-repo';
import { newId } from '../lib/ids';
import type { Store, TxContext } from '../store';
import { haltError, phaseOf, type StepRole, type UncertaintySignal } from '../pipeline/roles';
import { approvalToApi } from './view';

/** How long an approval waits for a decision when the step does not say: a day. */
export const DEFAULT_APPROVAL_TTL_MS = 24 * 3600_000;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/**
 * An approval's lifetime from `expires_in`: milliseconds, or a duration such as "30m", "24h", "7d".
 * A bad value is an error naming `where`.
 */
export function parseExpiresIn(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_APPROVAL_TTL_MS;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+)\s*([smhd])\s*$/.exec(value);
    if (match && Number(match[1]) > 0) return Number(match[1]) * UNITS[match[2]!]!;
  }
  throw new Error(`${where}: must be a positive number of milliseconds or a duration such as "30m", "24h" or "7d"`);
}

/** A halted step as the executor describes it. */
export interface HaltedStep {
  taskTitle: string;
  step: { id: string; uses: string; role?: StepRole; phase?: string };
  signals: UncertaintySignal[];
  /** The step's output, when it gave one (a halt on its output rather than a 'halt' failure). */
  output?: { value: unknown };
  /** What an approval.request step asked for: its question and context. */
  asked?: { question: string; context: unknown };
  expiresAt: number;
}

/** The run's error and the approval to ask for, from a halted step. */
export function haltRequest(halted: HaltedStep): { error: RunError; approval: ApprovalRequest } {
  const { step, signals, asked } = halted;
  const question = asked
    ? asked.question
    : `${halted.taskTitle}: ${signals.map((s) => s.message).join('; ')}. Continue with this output?`;
  return {
    error: haltError(signals),
    approval: {
      stepId: step.id,
      question,
      expiresAt: halted.expiresAt,
      context: {
        kind: asked ? 'approval_step' : 'uncertainty',
        signals,
        step: { id: step.id, uses: step.uses, role: step.role ?? null, phase: phaseOf(step) },
        ...(halted.output ? { output: halted.output.value } : {}),
        ...(asked ? { details: asked.context } : {}),
      },
    },
  };
}

/**
 * Inside the caller's transaction: the running run halts (timeline event 'run:halted' with the
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
      question: request.question,
      context: { ...request.context },
      expiresAt: request.expiresAt,
    },
    now,
  );
  store.runs.park(run.id, 'awaiting_approval', errorJson);
  tx.record({
    type: 'approval:requested',
    taskId: run.taskId,
    runId: run.id,
    summary: `"${title}" needs your approval: ${request.question}`,
    payload: { approvalId: approval.id, stepId: request.stepId },
  });
  if (store.runs.runningCount(run.taskId) === 0) {
    store.tasks.setStatus(run.taskId, { status: 'halted', lastError: store.redactor.text(error.error) }, now);
    const task = store.tasks.get(run.taskId);
    if (task) tx.publish('task:updated', { task });
  }
  const parked = store.runs.get(run.id)!;
  tx.publish('approval:created', { approval: approvalToApi(store, approval) });
  tx.publish('run:updated', { run: store.runs.toApi(parked) });
  return parked;
}
