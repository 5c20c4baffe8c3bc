// A run halted by a budget: which budget stopped it (from the halt's signal), the question that says
// what was stopped and why, and the decisions it offers: go past that budget for this run only, or
// raise the budget. A plain approve of a budget halt means the first, so approving never halts again
// on the same budget.
import type { ApprovalBudget, BudgetDecision } from '../api/types';
import { usd } from '../cost/budgets';
import { AppError } from '../lib/errors';

/** The budget named by a halt's 'budget' signal. */
export interface HaltingBudget {
  kind: ApprovalBudget['kind'];
  key: string;
  spentUsd: number;
  limitUsd: number;
  period: string;
}

/** What approvals.decide stores about a budget decision (budget-overrides-repo reads `key`). */
export interface StoredBudgetDecision {
  decision: BudgetDecision;
  kind: HaltingBudget['kind'];
  key: string;
  raisedToUsd?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The budget in a 'budget' signal's details, as budgets.ts reports it; null for any other signal. */
export function haltingBudgetOf(signal: { kind: string; details?: Record<string, unknown> }): HaltingBudget | null {
  const d = signal.details;
  if (signal.kind !== 'budget' || !isRecord(d)) return null;
  const { budget, key, spentUsd, limitUsd, period } = d;
  if (budget !== 'task' && budget !== 'daily' && budget !== 'monthly') return null;
  if (typeof key !== 'string' || typeof spentUsd !== 'number' || typeof limitUsd !== 'number') return null;
  return { kind: budget, key, spentUsd, limitUsd, period: typeof period === 'string' ? period : '' };
}

/** The budget that halted the run an approval belongs to, from its stored context. */
export function haltingBudgetIn(context: Record<string, unknown>): HaltingBudget | null {
  const signals = Array.isArray(context.signals) ? (context.signals as unknown[]) : [];
  for (const signal of signals) {
    if (!isRecord(signal) || typeof signal.kind !== 'string') continue;
    const found = haltingBudgetOf({
      kind: signal.kind,
      ...(isRecord(signal.details) ? { details: signal.details } : {}),
    });
    if (found) return found;
  }
  return null;
}

/** "monthly budget of 'Nightly coding chore'", "daily budget". */
export function budgetName(kind: HaltingBudget['kind'], taskTitle: string): string {
  switch (kind) {
    case 'task':
      return `monthly budget of '${taskTitle}'`;
    case 'daily':
      return 'daily budget';
    case 'monthly':
      return 'monthly budget';
    default: {
      const never: never = kind;
      throw new Error(`unknown budget kind ${String(never)}`);
    }
  }
}

/** "Spent $5.02 of the $5.00 monthly budget of 'Nightly coding chore'; the step 'review' was not run. …" */
export function budgetQuestion(budget: HaltingBudget, taskTitle: string, stepId: string): string {
  return (
    `Spent ${usd(budget.spentUsd)} of the ${usd(budget.limitUsd)} ${budgetName(budget.kind, taskTitle)}; ` +
    `the step '${stepId}' was not run. Continue this run over budget, or raise the budget?`
  );
}

/** The API's view of a budget halt, with the decision once made. */
export function approvalBudget(budget: HaltingBudget, decided: StoredBudgetDecision | undefined): ApprovalBudget {
  return {
    ...budget,
    decision: decided?.decision ?? null,
    raisedToUsd: decided?.raisedToUsd ?? null,
  };
}

/** The budget decision to store for `decision` on an approval, or the error when it does not fit. */
export function budgetDecisionFor(
  budget: HaltingBudget | null,
  decision: { decision: 'approve' | 'reject' | BudgetDecision; budgetUsd?: number },
): StoredBudgetDecision | undefined {
  if (decision.decision === 'reject') return undefined;
  if (!budget) {
    if (decision.decision === 'approve') return undefined;
    const message = `${decision.decision} is only for a run halted by a budget; this approval is not about a budget`;
    throw new AppError('validation_failed', `Invalid input for approvals.decide: decision: ${message}`, {
      call: 'approvals.decide',
      issues: [{ path: 'decision', message }],
    });
  }
  if (decision.decision === 'raise_budget') {
    return { decision: 'raise_budget', kind: budget.kind, key: budget.key, raisedToUsd: decision.budgetUsd! };
  }
  return { decision: 'continue_over_budget', kind: budget.kind, key: budget.key };
}

/** The timeline's words for a budget decision. */
export function budgetDecisionSummary(decided: StoredBudgetDecision, taskTitle: string): string {
  const name = budgetName(decided.kind, taskTitle);
  return decided.decision === 'raise_budget'
    ? `Raised the ${name} to ${usd(decided.raisedToUsd ?? 0)}; "${taskTitle}" resumes`
    : `Approved "${taskTitle}" to continue over the ${name} for this run; it resumes`;
}
