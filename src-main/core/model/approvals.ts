// What a halted run asks the person deciding: the approval, its signals, its subject and its budget.

export const approvalStatuses = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** One reason a run stopped for a person: low confidence, a failed or split verdict, hedging, ... */
export interface ApprovalSignal {
  kind: string;
  stepId: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What the person deciding is asked to judge: a step's draft text, a diff, or a structured output. */
export interface ApprovalSubject {
  kind: 'draft' | 'diff' | 'output';
  /** "the draft of step 'draft'", "the diff of step 'changes'". */
  title: string;
  stepId: string;
  /** Secrets masked; cut with a marker when long. */
  content: string;
  truncated: boolean;
}

/** The decisions a budget halt offers instead of a plain approve. */
export const budgetDecisions = ['continue_over_budget', 'raise_budget'] as const;
export type BudgetDecision = (typeof budgetDecisions)[number];

/** The budget that halted a run, and what the user decided about it. */
export interface ApprovalBudget {
  kind: 'task' | 'daily' | 'monthly';
  /** Names the budget and its period, e.g. "task:<id>:2026-11". */
  key: string;
  spentUsd: number;
  limitUsd: number;
  period: string;
  decision: BudgetDecision | null;
  /** raise_budget: the new limit. */
  raisedToUsd: number | null;
}

/** What a halted run asks the user, with what led there, and what they decided. */
export interface Approval {
  id: string;
  runId: string;
  taskId: string;
  taskTitle: string;
  /** 'uncertainty': the checks halted the run; 'approval_step': an approval.request step asked. */
  kind: 'uncertainty' | 'approval_step';
  question: string;
  signals: ApprovalSignal[];
  step: { id: string; uses: string; role: string | null; phase: string | null } | null;
  /** The halted step's output, when it gave one; approving without an edit lets it through. */
  output: unknown;
  hasOutput: boolean;
  context: unknown;
  /** What is being judged; null when the halt is about no output (a budget, an approval step first in line). */
  subject: ApprovalSubject | null;
  /** Set when a budget halted the run: decide with continue_over_budget or raise_budget. */
  budget: ApprovalBudget | null;
  status: ApprovalStatus;
  /** The edited output or input the user approved with, if any. */
  input: unknown;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}
