// The Needs attention panel: every run that waits for a decision, live, newest first. Hidden when
// nothing waits.
import { ApprovalCard } from './approval-card';
import { usePendingApprovals } from './use-pending-approvals';
import './approvals.css';

export function NeedsAttention() {
  const { approvals, error, decided } = usePendingApprovals();
  if (approvals.length === 0 && !error) return null;
  return (
    <section className="needs-attention" aria-label="Needs attention" data-testid="needs-attention">
      <h2 className="needs-attention-title">
        Needs attention <span className="count">{approvals.length}</span>
      </h2>
      {error && (
        <p className="field-error" role="alert">
          Could not load approvals: {error}
        </p>
      )}
      <ul className="approval-list">
        {approvals.map((approval) => (
          <ApprovalCard key={approval.id} approval={approval} onDecided={decided} />
        ))}
      </ul>
    </section>
  );
}
