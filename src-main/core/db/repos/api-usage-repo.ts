// The api_usage table: tokens, cost and latency of every model call, summed per run and task.
import type { Database } from 'better-sqlite3';
import { Redactor } from '../../lib/redact';
import { usageSummaryRows, type UsageFilter } from './usage-summary';
import { usageByStep } from './step-usage';

export interface UsageRecord {
  provider: string;
  model: string;
  operation: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number | null;
  success: boolean;
  projectId?: string | null;
  taskId?: string | null;
  runId?: string | null;
  errorMessage?: string | null;
  metadata?: Record<string, unknown>;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
}

/** Error messages and metadata are masked as they are written. */
export function createApiUsageRepo(db: Database, redactor: Redactor = new Redactor()) {
  const totals = (where: string, value: string): UsageTotals =>
    db
      .prepare(
        `SELECT count(*) AS calls, coalesce(sum(input_tokens), 0) AS inputTokens, coalesce(sum(output_tokens), 0) AS outputTokens,
                coalesce(sum(total_tokens), 0) AS totalTokens, coalesce(sum(cost_usd), 0) AS costUsd
         FROM api_usage WHERE ${where} = ?`,
      )
      .get(value) as UsageTotals;
  return {
    /** What the model calls of one run used, per step. */
    usageByStep: (runId: string) => usageByStep(db, runId),
    record(u: UsageRecord, now: number): number {
      const result = db
        .prepare(
          `INSERT INTO api_usage (occurred_at, provider, model, operation, input_tokens, output_tokens, cost_usd, latency_ms, success,
           project_id, task_id, run_id, error_message, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          now,
          u.provider,
          u.model,
          u.operation,
          u.inputTokens,
          u.outputTokens,
          u.costUsd,
          u.latencyMs,
          u.success ? 1 : 0,
          u.projectId ?? null,
          u.taskId ?? null,
          u.runId ?? null,
          u.errorMessage == null ? null : redactor.text(u.errorMessage),
          redactor.json(u.metadata ?? {}),
        );
      return Number(result.lastInsertRowid);
    },
    totalsForRun: (runId: string) => totals('run_id', runId),
    totalsForTask: (taskId: string) => totals('task_id', taskId),
    /** Dollars spent since `startMs`, by every task or by one. */
    spentSince(startMs: number, taskId?: string): number {
      const sql = `SELECT coalesce(sum(cost_usd), 0) FROM api_usage WHERE occurred_at >= ?${taskId ? ' AND task_id = ?' : ''}`;
      const args: unknown[] = taskId ? [startMs, taskId] : [startMs];
      return db
        .prepare(sql)
        .pluck()
        .get(...args) as number;
    },
    /** The totals behind usage.summary (db/repos/usage-summary.ts). */
    summaryRows: (filter: UsageFilter) => usageSummaryRows(db, filter),
  };
}
