// Budgets: the task's own (tasks.budget_usd, a limit per calendar month in the display timezone) and
// the global daily and monthly limits from the settings. A call is refused (the run halts) once
// the spend has reached a limit; crossing 80% warns once per budget and period.
import type { Notifier, SettingsValues } from '../ports';
import type { Store } from '../store';
import { ToolError, type ToolTaskInfo } from '../tools/tool';
import { dayOf, monthOf, type Period } from './periods';

export const WARN_AT = 0.8;

export type BudgetKind = 'task' | 'daily' | 'monthly';

export interface BudgetStatus {
  kind: BudgetKind;
  /** "Daily budget", "Monthly budget", "Monthly budget of Morning briefing". */
  label: string;
  limitUsd: number;
  spentUsd: number;
  period: Period;
  /** Names the budget and its period, e.g. "daily:2026-11-23" or "task:<id>:2026-11". */
  key: string;
}

export const usd = (amount: number): string => `$${amount.toFixed(2)}`;

// Costs are sums of small floating-point amounts; a hair's difference must not decide a budget.
const EPSILON = 1e-9;
const reachedShare = (spent: number, limit: number, share: number): boolean => spent >= limit * share - EPSILON;

function spentSince(store: Store, startMs: number, taskId?: string): number {
  const sql = `SELECT coalesce(sum(cost_usd), 0) FROM api_usage WHERE occurred_at >= ?${taskId ? ' AND task_id = ?' : ''}`;
  const args: unknown[] = taskId ? [startMs, taskId] : [startMs];
  return store.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
}

/** Every budget that applies to a call of `task` now, with what has been spent against it. */
export function budgetsFor(
  store: Store,
  settings: SettingsValues,
  task: Pick<ToolTaskInfo, 'id' | 'title' | 'budgetUsd'> | null,
  now: number,
): BudgetStatus[] {
  const timeZone = settings.displayTimezone;
  const day = dayOf(now, timeZone);
  const month = monthOf(now, timeZone);
  const budgets: BudgetStatus[] = [];
  if (task && task.budgetUsd !== null) {
    budgets.push({
      kind: 'task',
      label: `Monthly budget of ${task.title}`,
      limitUsd: task.budgetUsd,
      spentUsd: spentSince(store, month.startMs, task.id),
      period: month,
      key: `task:${task.id}:${month.key}`,
    });
  }
  const { dailyUsd, monthlyUsd } = settings.budgets;
  if (dailyUsd !== null) {
    const spentUsd = spentSince(store, day.startMs);
    budgets.push({
      kind: 'daily',
      label: 'Daily budget',
      limitUsd: dailyUsd,
      spentUsd,
      period: day,
      key: `daily:${day.key}`,
    });
  }
  if (monthlyUsd !== null) {
    const spentUsd = spentSince(store, month.startMs);
    budgets.push({
      kind: 'monthly',
      label: 'Monthly budget',
      limitUsd: monthlyUsd,
      spentUsd,
      period: month,
      key: `monthly:${month.key}`,
    });
  }
  return budgets;
}

/**
 * Refuses a call once a budget is used up. The call's own cost is not known beforehand and counts as
 * zero, so the call that crosses a limit is made and the next one is refused. A budget the run was
 * approved to go past (its key in `continuedPast`) no longer refuses that run's calls.
 */
export function checkBudgets(
  budgets: readonly BudgetStatus[],
  call: { provider: string; model: string },
  continuedPast: ReadonlySet<string> = new Set(),
): void {
  const reached = budgets.find((b) => !continuedPast.has(b.key) && reachedShare(b.spentUsd, b.limitUsd, 1));
  if (!reached) return;
  throw new ToolError(
    'halt',
    `${reached.label} reached: ${usd(reached.spentUsd)} spent of ${usd(reached.limitUsd)}; ` +
      `the call to ${call.provider} ${call.model} was not made`,
    {
      budget: reached.kind,
      key: reached.key,
      spentUsd: reached.spentUsd,
      limitUsd: reached.limitUsd,
      period: reached.period.key,
    },
  );
}

/**
 * Warns about every budget at 80% or more that has not been warned about in this period: one
 * 'budget:warning' timeline event (the record of having warned) and one notification each.
 */
export function warnBudgets(
  store: Store,
  notifier: Notifier,
  budgets: readonly BudgetStatus[],
  about: { taskId: string; runId: string },
): void {
  for (const budget of budgets) {
    if (budget.limitUsd <= 0 || !reachedShare(budget.spentUsd, budget.limitUsd, WARN_AT)) continue;
    const percent = Math.floor((budget.spentUsd / budget.limitUsd) * 100 + EPSILON);
    const body = `${budget.label} ${percent}% used (${usd(budget.spentUsd)} of ${usd(budget.limitUsd)})`;
    const isNew = store.write((tx) => {
      const warned = store.db
        .prepare(`SELECT 1 FROM events WHERE type = 'budget:warning' AND json_extract(payload, '$.key') = ?`)
        .get(budget.key);
      if (warned) return false;
      tx.record({
        type: 'budget:warning',
        taskId: about.taskId,
        runId: about.runId,
        summary: body,
        payload: {
          key: budget.key,
          budget: budget.kind,
          period: budget.period.key,
          spentUsd: budget.spentUsd,
          limitUsd: budget.limitUsd,
        },
      });
      return true;
    });
    if (isNew) {
      void notifier
        .notify({ kind: 'budget_warning', title: 'Budget warning', body, taskId: about.taskId, runId: about.runId })
        .catch(() => undefined);
    }
  }
}
