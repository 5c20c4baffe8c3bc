// The queries behind usage.summary: api_usage totals over a time range (and optionally one task or
// run), per provider, model, task, run and quarter-hour bucket (cost/summary.ts sums buckets into days).
import type { Database } from 'better-sqlite3';
import type { UsageTotals } from '../../model/usage';

// Every zone's UTC offset is a whole number of quarter hours, so a quarter-hour bucket never
// straddles a local midnight.
export const BUCKET_MS = 15 * 60_000;
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

export function usageSummaryRows(db: Database, filter: UsageFilter) {
  const { sql: where, params } = whereClause(filter);
  const all = <T>(select: string, rest = ''): T[] =>
    db.prepare(`SELECT ${select} FROM api_usage u ${where} ${rest}`).all(params) as T[];

  const totals = all<UsageTotals>(TOTALS)[0] as UsageTotals;
  const byProvider = all<UsageTotals & { provider: string }>(
    `u.provider AS provider, ${TOTALS}`,
    'GROUP BY u.provider ORDER BY costUsd DESC, u.provider',
  );
  const byModel = all<UsageTotals & { provider: string; model: string }>(
    `u.provider AS provider, u.model AS model, ${TOTALS}`,
    'GROUP BY u.provider, u.model ORDER BY costUsd DESC, u.provider, u.model',
  );
  const byTask = db
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
  return { totals, byProvider, byModel, byTask, byRun, buckets };
}
