// The budgets a run was approved to go past: approvals of that run decided continue_over_budget
// keep the budget's key in their decision, so the run's later calls are not halted by it again.
import type { Database } from 'better-sqlite3';

export function createBudgetOverridesRepo(db: Database) {
  const continuedPastStmt = db.prepare<[string], string | null>(
    `SELECT json_extract(decision_input, '$.budget.key') FROM approvals
     WHERE run_id = ? AND status = 'approved' AND json_extract(decision_input, '$.budget.decision') = 'continue_over_budget'`,
  );
  return {
    /** The keys ("task:<id>:2026-11", "daily:2026-11-23") of the budgets `runId` may go past. */
    continuedPast(runId: string): ReadonlySet<string> {
      const keys = continuedPastStmt.pluck().all(runId);
      return new Set(keys.filter((key): key is string => typeof key === 'string'));
    },
  };
}
