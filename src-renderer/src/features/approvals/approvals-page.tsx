// The Approvals page: every run that waits for a decision, or a word that none does.
import { NeedsAttention } from './needs-attention';
import { usePendingApprovals } from './use-pending-approvals';

export function ApprovalsPage() {
  const { approvals, error } = usePendingApprovals();
  return (
    <section className="approvals-page" aria-labelledby="approvals-title">
      <div className="page-heading">
        <h2 id="approvals-title" className="page-title">
          Approvals
        </h2>
      </div>
      {approvals.length === 0 && !error && <p className="empty-state">No run waits for a decision.</p>}
      <NeedsAttention />
    </section>
  );
}
