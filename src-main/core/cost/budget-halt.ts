// The words of a budget halt: which budget stopped a run, and the question its approval asks.
import type { HaltingBudget } from '../model/budget-halt';
import { usd } from './budgets';

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
