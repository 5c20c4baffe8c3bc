// Asking for an approval: a halted run records why it stopped, creates the approval row and waits
// as awaiting_approval, holding no lease and no concurrency slot (leasing counts only running runs).
import type { ApprovalSignal, ApprovalSubject, RunError } from '../api/types';
import type { RunRow } from '../db/repos/runs-repo';
import { statement } from '../db/statements';
import { newId } from '../lib/ids';
import type { Store, TxContext } from '../store';
import { haltError, phaseOf, type StepRole, type UncertaintySignal } from '../pipeline/roles';
import { budgetQuestion, haltingBudgetOf } from './budget-halt';
import { judgedSubject } from './subject';
import { approvalToApi } from './view';

/** How long an approval waits for a decision when the step does not say: a day. */
export const DEFAULT_APPROVAL_TTL_MS = 24 * 3600_000;

/** What the approval keeps besides its question: enough for the board to show and for a resume. */
export interface ApprovalContext {
  kind: 'uncertainty' | 'approval_step';
  signals: ApprovalSignal[];
  step: { id: string; uses: string; role: string | null; phase: string | null };
  /** The halted step's output; absent when the step failed without one (a budget, invalid output). */
  output?: unknown;
  /** The context an approval.request step gave with its question. */
  details?: unknown;
  /** What the person is asked to judge, found when the run parks (subject.ts). */
  subject?: ApprovalSubject | null;
}

export interface ApprovalRequest {
  stepId: string;
  question: string;
  context: ApprovalContext;
  expiresAt: number;
}

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

/** The question of a halt by the checks; it names what was judged when that is another step's output. */
export function uncertaintyQuestion(
  taskTitle: string,
  signals: readonly { message: string }[],
  judged?: Pick<ApprovalSubject, 'title'>,
): string {
  const about = judged ? ` (judging ${judged.title})` : '';
  return `${taskTitle}: ${signals.map((s) => s.message).join('; ')}${about}. Continue with this output?`;
}

function questionFor(halted: HaltedStep): string {
  if (halted.asked) return halted.asked.question;
  const budget = halted.signals.map(haltingBudgetOf).find((found) => found !== null);
  if (budget) return budgetQuestion(budget, halted.taskTitle, halted.step.id);
  return uncertaintyQuestion(halted.taskTitle, halted.signals);
}

/** The run's error and the approval to ask for, from a halted step. */
export function haltRequest(halted: HaltedStep): { error: RunError; approval: ApprovalRequest } {
  const { step, signals, asked } = halted;
  const question = questionFor(halted);
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

function taskTitle(store: Store, taskId: string): string {
  return (
    (statement(store.db, 'SELECT title FROM tasks WHERE id = ?').pluck().get(taskId) as string | undefined) ?? taskId
  );
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
  const title = taskTitle(store, run.taskId);
  const subject = judgedSubject(store, run.id, request.context);
  const judgesAnother = subject !== null && subject.stepId !== request.context.step.id;
  const question =
    judgesAnother && request.context.kind === 'uncertainty'
      ? uncertaintyQuestion(title, request.context.signals, subject)
      : request.question;
  const setStatus = statement(
    store.db,
    `UPDATE runs SET status = ?, error = ?, lease_owner = NULL, lease_expires_at = NULL, heartbeat_at = NULL
     WHERE id = ?`,
  );
  const errorJson = store.redactor.json(error);
  setStatus.run('halted', errorJson, run.id);
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
  setStatus.run('awaiting_approval', errorJson, run.id);
  tx.record({
    type: 'approval:requested',
    taskId: run.taskId,
    runId: run.id,
    summary: `"${title}" needs your approval: ${question}`,
    payload: { approvalId: approval.id, stepId: request.stepId },
  });
  const stillRunning = statement(store.db, `SELECT count(*) FROM runs WHERE task_id = ? AND status = 'running'`)
    .pluck()
    .get(run.taskId) as number;
  if (stillRunning === 0) {
    statement(store.db, `UPDATE tasks SET status = 'halted', last_error = ?, updated_at = ? WHERE id = ?`).run(
      store.redactor.text(error.error),
      now,
      run.taskId,
    );
    const task = store.tasks.get(run.taskId);
    if (task) tx.publish('task:updated', { task });
  }
  const parked = store.runs.get(run.id)!;
  tx.publish('approval:created', { approval: approvalToApi(store, approval) });
  tx.publish('run:updated', { run: store.runs.toApi(parked) });
  return parked;
}
