// The decisions a run halted by a budget offers: go past that budget for this run only, or raise the
// budget. A plain approve of a budget halt means the first, so approving never halts again on the
// same budget. Which budget halted the run is in model/budget-halt.ts, its words in cost/budget-halt.ts.
import type { BudgetDecision } from '../model/types';
import type { HaltingBudget, StoredBudgetDecision } from '../model/budget-halt';
import { budgetName } from '../cost/budget-halt';
import { usd } from '../cost/budgets';
import { AppError } from '../lib/errors';

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
