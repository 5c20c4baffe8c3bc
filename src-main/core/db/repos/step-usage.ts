// What the model calls of one run used, per step: api_usage rows carry the step id in their metadata.
import type { Database } from 'better-sqlite3';
import type { StepUsage } from '../../model/types';

export function usageByStep(db: Database, runId: string): Record<string, StepUsage> {
  const rows = db
    .prepare(
      `SELECT json_extract(metadata, '$.stepId') AS stepId, count(*) AS calls,
              coalesce(sum(input_tokens), 0) AS inputTokens, coalesce(sum(output_tokens), 0) AS outputTokens,
              coalesce(sum(cost_usd), 0) AS costUsd
       FROM api_usage WHERE run_id = ? AND json_extract(metadata, '$.stepId') IS NOT NULL
       GROUP BY 1`,
    )
    .all(runId) as ({ stepId: string } & StepUsage)[];
  return Object.fromEntries(rows.map(({ stepId, ...usage }) => [stepId, usage]));
}
