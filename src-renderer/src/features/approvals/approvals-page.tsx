// The Approvals inbox: every run that waits for a decision, live, oldest question first so nothing
// expires unseen; then the latest decisions with who made them, when, and their notes.
import type { Approval } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatRunTime } from '../../lib/run-format';
import { ApprovalCard } from './approval-card';
import { usePendingApprovals } from './use-pending-approvals';
import './approvals.css';

const DECIDED_SHOWN = 10;

const outcome: Record<Approval['status'], string> = {
  pending: 'Waiting',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
};

function RecentDecisions() {
  const timeZone = useDisplayTimeZone();
  const { value } = useLiveCall('approvals.list', {}, { refetchOn: ['approval:updated'], throttleMs: 500 });
  const decided = (value ?? []).filter((a) => a.status !== 'pending').slice(0, DECIDED_SHOWN);
  if (decided.length === 0) return null;
  return (
    <section className="approvals-decided" aria-labelledby="approvals-decided-title">
      <h3 id="approvals-decided-title" className="section-title">
        Recently decided
      </h3>
      <ul className="decided-list" data-testid="decided-approvals">
        {decided.map((a) => (
          <li key={a.id}>
            <span className={`decided-outcome decided-${a.status}`}>{outcome[a.status]}</span>{' '}
            <a href={`#/runs/${encodeURIComponent(a.runId)}`}>{a.taskTitle}</a>
            {a.decidedAt && <span className="muted"> · {formatRunTime(a.decidedAt, timeZone, 'date')}</span>}
            {a.budget?.decision === 'raise_budget' && a.budget.raisedToUsd !== null && (
              <span> · budget raised to ${a.budget.raisedToUsd.toFixed(2)}</span>
            )}
            {a.budget?.decision === 'continue_over_budget' && <span> · continued over budget</span>}
            {a.note && <q className="decided-note">{a.note}</q>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ApprovalsPage() {
  const { approvals, error, decided } = usePendingApprovals();
  const oldestFirst = [...approvals].reverse();
  return (
    <section className="approvals-page" aria-labelledby="approvals-title">
      <div className="page-heading">
        <h2 id="approvals-title" className="page-title">
          Approvals
        </h2>
        <span className="muted" data-testid="approvals-waiting">
          {approvals.length === 1 ? '1 run waits' : `${approvals.length} runs wait`} for a decision
        </span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          Could not load approvals: {error}
        </p>
      )}
      {approvals.length === 0 && !error && <p className="empty-state">No run waits for a decision.</p>}
      {oldestFirst.length > 0 && (
        <ul className="approval-list" aria-label="Waiting for a decision" data-testid="approvals-inbox">
          {oldestFirst.map((approval) => (
            <ApprovalCard key={approval.id} approval={approval} onDecided={decided} />
          ))}
        </ul>
      )}
      <RecentDecisions />
    </section>
  );
}
