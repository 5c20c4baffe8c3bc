// An approval row as the API shows it: the question, the signals and the step output that led to
// it (from its context), the task's title, and the decision with its note.
import type { Approval, ApprovalSignal, ApprovalSubject } from '../api/types';
import type { Approval as ApprovalRow } from '../db/repos/approvals-repo';
import { statement } from '../db/statements';
import { isoAt } from '../lib/time-format';
import type { Store } from '../store';
import { approvalBudget, haltingBudgetIn, type StoredBudgetDecision } from './budget-halt';

interface StoredContext {
  kind?: unknown;
  signals?: unknown;
  step?: unknown;
  output?: unknown;
  details?: unknown;
  subject?: unknown;
}

/** What approvals.decide stores as decision_input. */
export interface StoredDecision {
  input?: unknown;
  note?: string;
  /** A budget halt's decision: which budget, and how it was let through. */
  budget?: StoredBudgetDecision;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function approvalToApi(store: Store, row: ApprovalRow): Approval {
  const context = row.context as StoredContext;
  const decision = (isRecord(row.decisionInput) ? row.decisionInput : {}) as StoredDecision;
  const title = statement(store.db, 'SELECT title FROM tasks WHERE id = ?').pluck().get(row.taskId) as
    string | undefined;
  const step = isRecord(context.step) ? (context.step as Approval['step']) : null;
  const budget = haltingBudgetIn(row.context);
  return {
    id: row.id,
    runId: row.runId,
    taskId: row.taskId,
    taskTitle: title ?? row.taskId,
    kind: context.kind === 'approval_step' ? 'approval_step' : 'uncertainty',
    question: row.question,
    signals: Array.isArray(context.signals) ? (context.signals as ApprovalSignal[]) : [],
    step,
    output: context.output ?? null,
    hasOutput: 'output' in context,
    context: context.details ?? null,
    subject: isRecord(context.subject) ? (context.subject as unknown as ApprovalSubject) : null,
    budget: budget ? approvalBudget(budget, decision.budget) : null,
    status: row.status,
    input: decision.input ?? null,
    note: decision.note ?? null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt === null ? null : isoAt(row.decidedAt),
    expiresAt: row.expiresAt === null ? null : isoAt(row.expiresAt),
    createdAt: isoAt(row.createdAt),
  };
}
