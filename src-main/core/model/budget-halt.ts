// A run halted by a budget, as its approval records it: which budget stopped it (from the halt's
// 'budget' signal) and, once decided, how it was let through.
import type { ApprovalBudget, BudgetDecision } from './types';

/** The budget named by a halt's 'budget' signal. */
export interface HaltingBudget {
  kind: ApprovalBudget['kind'];
  key: string;
  spentUsd: number;
  limitUsd: number;
  period: string;
}

/** What approvals.decide stores about a budget decision (budget-overrides-repo reads `key`). */
export interface StoredBudgetDecision {
  decision: BudgetDecision;
  kind: HaltingBudget['kind'];
  key: string;
  raisedToUsd?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The budget in a 'budget' signal's details, as budgets.ts reports it; null for any other signal. */
export function haltingBudgetOf(signal: { kind: string; details?: Record<string, unknown> }): HaltingBudget | null {
  const d = signal.details;
  if (signal.kind !== 'budget' || !isRecord(d)) return null;
  const { budget, key, spentUsd, limitUsd, period } = d;
  if (budget !== 'task' && budget !== 'daily' && budget !== 'monthly') return null;
  if (typeof key !== 'string' || typeof spentUsd !== 'number' || typeof limitUsd !== 'number') return null;
  return { kind: budget, key, spentUsd, limitUsd, period: typeof period === 'string' ? period : '' };
}

/** The budget that halted the run an approval belongs to, from its stored context. */
export function haltingBudgetIn(context: Record<string, unknown>): HaltingBudget | null {
  const signals = Array.isArray(context.signals) ? (context.signals as unknown[]) : [];
  for (const signal of signals) {
    if (!isRecord(signal) || typeof signal.kind !== 'string') continue;
    const found = haltingBudgetOf({
      kind: signal.kind,
      ...(isRecord(signal.details) ? { details: signal.details } : {}),
    });
    if (found) return found;
  }
  return null;
}

/** The API's view of a budget halt, with the decision once made. */
export function approvalBudget(budget: HaltingBudget, decided: StoredBudgetDecision | undefined): ApprovalBudget {
  return {
    ...budget,
    decision: decided?.decision ?? null,
    raisedToUsd: decided?.raisedToUsd ?? null,
  };
}
