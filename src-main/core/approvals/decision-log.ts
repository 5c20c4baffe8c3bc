// A decision on an approval is part of its run's story: one line in the run's log, written in the
// deciding transaction and pushed live like any other, saying who decided what and with which note,
// so the run view and its exported log show why the run went on or ended. The note is masked first.
import type { ApprovalStatus, BudgetDecision } from '../model/types';
import type { StoredBudgetDecision } from '../model/budget-halt';
import { usd } from '../cost/budgets';
import { isoAt } from '../lib/time-format';
import type { Store, TxContext } from '../store';

export interface DecisionLogEntry {
  runId: string;
  stepId: string | null;
  status: Extract<ApprovalStatus, 'approved' | 'rejected' | 'expired'>;
  decidedBy: string;
  edited: boolean;
  budget?: StoredBudgetDecision;
  note?: string;
  at: number;
}

const BUDGET_WORDS: Record<BudgetDecision, string> = {
  continue_over_budget: 'to continue over budget for this run',
  raise_budget: 'by raising the budget',
};

/** The log line's words: "Approved by user with an edited output. Note: looks right". */
export function decisionMessage(entry: Omit<DecisionLogEntry, 'runId' | 'stepId' | 'at'>): string {
  let text: string;
  if (entry.status === 'expired') text = 'The approval expired without a decision; the run ends as rejected';
  else if (entry.status === 'rejected') text = `Rejected by ${entry.decidedBy}; the run ends`;
  else if (entry.budget) {
    const raised = entry.budget.raisedToUsd !== undefined ? ` to ${usd(entry.budget.raisedToUsd)}` : '';
    text = `Approved by ${entry.decidedBy} ${BUDGET_WORDS[entry.budget.decision]}${raised}; the run resumes`;
  } else {
    text = `Approved by ${entry.decidedBy}${entry.edited ? ' with an edited output' : ''}; the run resumes`;
  }
  return entry.note ? `${text}. Note: ${entry.note}` : `${text}.`;
}

/** Appends the decision to the run's log inside `tx` and pushes it once the write commits. */
export function logDecision(store: Store, tx: TxContext, entry: DecisionLogEntry): void {
  const lines = store.runLogs.appendMany([
    {
      runId: entry.runId,
      stepId: entry.stepId,
      stream: 'system',
      level: entry.status === 'approved' ? 'info' : 'warn',
      message: store.redactor.text(decisionMessage(entry)),
      loggedAt: entry.at,
    },
  ]);
  tx.publish('run:log', { runId: entry.runId, lines: lines.map((l) => ({ ...l, loggedAt: isoAt(l.loggedAt) })) });
}
