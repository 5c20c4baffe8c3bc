// usage.summary: api_usage totals over a time range (and optionally one task or run), broken down
// per provider, model, local day, task and run, with where the budgets stand now.
import type { SettingsValues } from '../ports';
import type { Store } from '../store';
import { budgetsFor } from './budgets';
import { dayOf } from './periods';
import type { UsageSummary, UsageTotals } from '../model/usage';
import { BUCKET_MS, type UsageFilter } from '../db/repos/usage-summary';

export function usageSummary(
  store: Store,
  settings: SettingsValues,
  filter: UsageFilter,
  now: number,
  range: { from: string | null; to: string | null },
): UsageSummary {
  const { totals, byProvider, byModel, byTask, byRun, buckets } = store.apiUsage.summaryRows(filter);
  const days = new Map<string, UsageTotals & { day: string }>();
  for (const { bucket, ...bucketTotals } of buckets) {
    const day = dayOf(bucket * BUCKET_MS, settings.displayTimezone).key;
    const sum = days.get(day) ?? { day, calls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    sum.calls += bucketTotals.calls;
    sum.failedCalls += bucketTotals.failedCalls;
    sum.inputTokens += bucketTotals.inputTokens;
    sum.outputTokens += bucketTotals.outputTokens;
    sum.costUsd += bucketTotals.costUsd;
    days.set(day, sum);
  }

  const task = filter.taskId ? store.tasks.get(filter.taskId) : undefined;
  const budgetTask = task ? { id: task.id, title: task.title, budgetUsd: task.budgetUsd } : null;
  const budgets = budgetsFor(store, settings, budgetTask, now).map((b) => ({
    budget: b.kind,
    label: b.label,
    period: b.period.key,
    limitUsd: b.limitUsd,
    spentUsd: b.spentUsd,
  }));

  return {
    from: range.from,
    to: range.to,
    timezone: settings.displayTimezone,
    totals,
    byProvider,
    byModel,
    byDay: [...days.values()],
    byTask,
    byRun,
    budgets,
  };
}
