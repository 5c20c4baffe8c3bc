// "Raise the budget" for a run a budget halted: the new limit is checked (it must leave room above
// what is already spent, or the run would halt again at once), saved where that budget lives (the
// task's budget through the task path, a global one through the settings path), and the run resumes.
import type { Approval } from '../api/types';
import { budgetsFor, usd } from '../cost/budgets';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { Settings } from '../ports';
import type { Store } from '../store';
import { budgetName, haltingBudgetIn } from './budget-halt';
import { decideApproval, expireDueApprovals, type Decision } from './decide';

/** Where budgets are saved, so that a raise goes through the same checks and pushes as an edit. */
export interface BudgetSetters {
  /** A task's monthly budget (tasks.update). */
  setTaskBudget(taskId: string, budgetUsd: number): Promise<unknown>;
  /** The global daily or monthly budget (settings.update). */
  setGlobalBudget(patch: { dailyUsd?: number; monthlyUsd?: number }): Promise<unknown>;
}

export interface RaiseBudgetDeps {
  store: Store;
  clock: Clock;
  settings: Settings;
  setters: BudgetSetters;
}

function refuse(message: string): AppError {
  return new AppError('validation_failed', `Invalid input for approvals.decide: budgetUsd: ${message}`, {
    call: 'approvals.decide',
    issues: [{ path: 'budgetUsd', message }],
  });
}

/** Saves the raised budget and resumes the run; any other state of the approval answers as decide does. */
export async function raiseBudgetAndResume(
  deps: RaiseBudgetDeps,
  decision: Decision & { decision: 'raise_budget'; budgetUsd: number },
): Promise<Approval> {
  const { store, clock } = deps;
  expireDueApprovals(store, clock.now());
  const approval = store.approvals.get(decision.id);
  const halting = approval?.status === 'pending' ? haltingBudgetIn(approval.context) : null;
  const task = approval ? store.tasks.get(approval.taskId) : undefined;
  // Not pending, not a budget halt, or its run gone: decide gives the error that says which.
  if (!approval || !halting || !task || store.runs.get(approval.runId)?.status !== 'awaiting_approval') {
    return decideApproval(store, decision, clock.now());
  }
  const current = budgetsFor(store, deps.settings.get(), task, clock.now()).find((b) => b.kind === halting.kind);
  const spentUsd = current?.spentUsd ?? halting.spentUsd;
  if (decision.budgetUsd <= spentUsd) {
    throw refuse(
      `must be more than the ${usd(spentUsd)} already spent of the ${budgetName(halting.kind, task.title)}, ` +
        'or the run would stop again at once',
    );
  }
  if (halting.kind === 'task') await deps.setters.setTaskBudget(task.id, decision.budgetUsd);
  else {
    await deps.setters.setGlobalBudget(
      halting.kind === 'daily' ? { dailyUsd: decision.budgetUsd } : { monthlyUsd: decision.budgetUsd },
    );
  }
  return decideApproval(store, decision, clock.now());
}
