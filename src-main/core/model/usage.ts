// What usage.summary answers: token and cost totals, broken down by provider, model, day (in the
// display timezone), task and run, and where each budget stands. Plain types: the board imports them.
export interface UsageTotals {
  calls: number;
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface BudgetState {
  budget: 'task' | 'daily' | 'monthly';
  label: string;
  /** "2026-11-23" or "2026-11" in the display timezone. */
  period: string;
  limitUsd: number;
  spentUsd: number;
}

export interface UsageSummary {
  from: string | null;
  to: string | null;
  timezone: string;
  totals: UsageTotals;
  byProvider: (UsageTotals & { provider: string })[];
  byModel: (UsageTotals & { provider: string; model: string })[];
  /** Days that had calls, oldest first, as "2026-11-23" in the display timezone. */
  byDay: (UsageTotals & { day: string })[];
  /** Most expensive first. */
  byTask: (UsageTotals & { taskId: string | null; title: string | null })[];
  /** Most expensive first, at most 100. */
  byRun: (UsageTotals & { runId: string | null; taskId: string | null })[];
  /** The global budgets now (and the task's, when the summary is for one task). */
  budgets: BudgetState[];
}
