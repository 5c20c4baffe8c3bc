// Asking for an approval: what a halted step asks the user and how long the question waits. The
// run parks as awaiting_approval through queue/transitions.ts (parkForApproval).
import type { ApprovalRequest } from '../model/outcome';
import type { ApprovalSubject, RunError } from '../model/types';
import { haltingBudgetOf } from '../model/budget-halt';
import { budgetQuestion } from '../cost/budget-halt';
import { haltError, phaseOf, type StepRole, type UncertaintySignal } from './roles';

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
  const permission = halted.signals.find((signal) => signal.kind === 'permission');
  if (permission) {
    return (
      `${halted.taskTitle}: in step '${halted.step.id}', ${permission.message}. ` +
      'Approve to allow it for this run and go on, or reject to stop the run.'
    );
  }
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
