// usage.summary: api_usage totals over a time range (and optionally one task or run), broken down
// per provider, model, local day, task and run, with where the budgets stand now.
import type { SettingsValues } from '../ports';
import type { Store } from '../store';
import { budgetsFor } from './budgets';
import { dayOf } from './periods';
import type { UsageSummary, UsageTotals } from './summary-types';

// Every zone's UTC offset is a whole number of quarter hours, so a quarter-hour bucket never
// straddles a local midnight.
const BUCKET_MS = 15 * 60_000;
const MAX_RUNS = 100;

export interface UsageFilter {
  fromMs?: number | undefined;
  toMs?: number | undefined;
  taskId?: string | undefined;
  runId?: string | undefined;
}

const TOTALS = `count(*) AS calls, coalesce(sum(success = 0), 0) AS failedCalls,
  coalesce(sum(input_tokens), 0) AS inputTokens, coalesce(sum(output_tokens), 0) AS outputTokens,
  coalesce(sum(cost_usd), 0) AS costUsd`;

function whereClause(filter: UsageFilter): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.fromMs !== undefined) {
    where.push('u.occurred_at >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    where.push('u.occurred_at < @toMs');
    params.toMs = filter.toMs;
  }
  if (filter.taskId !== undefined) {
    where.push('u.task_id = @taskId');
    params.taskId = filter.taskId;
  }
  if (filter.runId !== undefined) {
    where.push('u.run_id = @runId');
    params.runId = filter.runId;
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function usageSummary(
  store: Store,
  settings: SettingsValues,
  filter: UsageFilter,
  now: number,
  range: { from: string | null; to: string | null },
): UsageSummary {
  const { sql: where, params } = whereClause(filter);
  const all = <T>(select: string, rest = ''): T[] =>
    store.db.prepare(`SELECT ${select} FROM api_usage u ${where} ${rest}`).all(params) as T[];

  const totals = all<UsageTotals>(TOTALS)[0] as UsageTotals;
  const byProvider = all<UsageTotals & { provider: string }>(
    `u.provider AS provider, ${TOTALS}`,
    'GROUP BY u.provider ORDER BY costUsd DESC, u.provider',
  );
  const byModel = all<UsageTotals & { provider: string; model: string }>(
    `u.provider AS provider, u.model AS model, ${TOTALS}`,
    'GROUP BY u.provider, u.model ORDER BY costUsd DESC, u.provider, u.model',
  );
  const byTask = store.db
    .prepare(
      `SELECT u.task_id AS taskId, t.title AS title, ${TOTALS} FROM api_usage u LEFT JOIN tasks t ON t.id = u.task_id
       ${where} GROUP BY u.task_id ORDER BY costUsd DESC, u.task_id`,
    )
    .all(params) as (UsageTotals & { taskId: string | null; title: string | null })[];
  const byRun = all<UsageTotals & { runId: string | null; taskId: string | null }>(
    `u.run_id AS runId, u.task_id AS taskId, ${TOTALS}`,
    `GROUP BY u.run_id ORDER BY costUsd DESC, u.run_id LIMIT ${MAX_RUNS}`,
  );

  const buckets = all<UsageTotals & { bucket: number }>(
    `(u.occurred_at / ${BUCKET_MS}) AS bucket, ${TOTALS}`,
    'GROUP BY bucket ORDER BY bucket',
  );
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
