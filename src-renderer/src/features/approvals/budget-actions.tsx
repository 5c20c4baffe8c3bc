// The decisions of a run a budget halted: continue this run over budget, or raise the budget to an
// amount entered here (the budget then applies to the task or to every task, as it did before).
import { useState, type FormEvent } from 'react';
import type { ApprovalBudget } from '../../api/contract-types';

interface BudgetActionsProps {
  approvalId: string;
  budget: ApprovalBudget;
  busy: boolean;
  onContinue(): void;
  onRaise(budgetUsd: number): void;
  onReject(): void;
}

const WHICH: Record<ApprovalBudget['kind'], string> = {
  task: "the task's monthly budget",
  daily: 'the daily budget',
  monthly: 'the monthly budget',
};

export function BudgetActions({ approvalId, budget, busy, onContinue, onRaise, onReject }: BudgetActionsProps) {
  const [raising, setRaising] = useState(false);
  const [amount, setAmount] = useState(() => (Math.ceil(budget.spentUsd) + Math.ceil(budget.limitUsd)).toString());
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(amount);
    if (!Number.isFinite(value) || value <= budget.spentUsd) {
      setProblem(`Enter an amount above the $${budget.spentUsd.toFixed(2)} already spent.`);
      return;
    }
    setProblem(null);
    onRaise(value);
  };

  if (raising) {
    return (
      <form className="approval-raise" onSubmit={submit}>
        <label htmlFor={`raise-${approvalId}`}>New limit for {WHICH[budget.kind]} (USD)</label>
        <input
          id={`raise-${approvalId}`}
          type="number"
          min="0.01"
          step="0.01"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="approval-actions">
          <button type="submit" className="button button-small button-primary" disabled={busy}>
            Raise and resume
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => setRaising(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="approval-actions">
      <button type="button" className="button button-small button-primary" disabled={busy} onClick={onContinue}>
        Continue this run over budget
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => setRaising(true)}>
        Raise the budget…
      </button>
      <button type="button" className="button button-small button-danger-quiet" disabled={busy} onClick={onReject}>
        Reject
      </button>
    </div>
  );
}
