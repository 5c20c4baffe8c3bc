// One pending approval: the task, what stopped and why (the reason and its signals), what is being
// judged (a draft, a structured answer as a document, a diff), the verifier's verdict, the cost so
// far and when it expires; and the decisions: approve, approve with an edit made in a form built from
// the step's output schema, reject with a reason (asked in the app's own dialog, as it ends the run),
// and for a budget halt continue over budget or raise the budget.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Approval } from '../../api/contract-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatCost, formatRunTime } from '../../lib/run-format';
import { ApprovalEdit } from './approval-edit';
import { BudgetActions } from './budget-actions';
import { editTargetFor } from './edit-target';
import { ReadableDocument, SubjectView, VerdictView } from './judged-views';
import { useApprovalRun } from './use-approval-run';

interface ApprovalCardProps {
  approval: Approval;
  onDecided(id: string): void;
}

type DecisionName = 'approve' | 'reject' | 'continue_over_budget' | 'raise_budget';

/** "low_confidence" reads "Low confidence". */
const words = (code: string) => {
  const text = code.replace(/[_-]+/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

function Signals({ approval }: { approval: Approval }) {
  if (approval.signals.length === 0) return null;
  return (
    <ul className="approval-signals" aria-label="Why it stopped">
      {approval.signals.map((signal) => (
        <li key={`${signal.kind}-${signal.stepId}-${signal.message}`}>
          <span className="signal-kind">{words(signal.kind)}</span> {signal.message}
        </li>
      ))}
    </ul>
  );
}

export function ApprovalCard({ approval, onDecided }: ApprovalCardProps) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const details = useApprovalRun(approval);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingReject, setConfirmingReject] = useState(false);
  const titleId = `approval-${approval.id}-title`;

  const decide = async (decision: DecisionName, extra: { input?: unknown; budgetUsd?: number; note?: string } = {}) => {
    setError(null);
    setBusy(true);
    const text = (extra.note ?? note).trim();
    try {
      await api.call('approvals.decide', {
        id: approval.id,
        decision,
        ...(extra.input !== undefined ? { input: extra.input } : {}),
        ...(extra.budgetUsd !== undefined ? { budgetUsd: extra.budgetUsd } : {}),
        ...(text ? { note: text } : {}),
      });
      onDecided(approval.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const askReject = () => {
    setReason(note);
    setReasonProblem(null);
    setConfirmingReject(true);
  };

  const reject = () => {
    if (!reason.trim()) {
      setReasonProblem('Say why, so the run log and the activity feed keep it.');
      document.getElementById(`reject-reason-${approval.id}`)?.focus();
      return;
    }
    setConfirmingReject(false);
    void decide('reject', { note: reason });
  };

  // The first signal names the cause more exactly than the run's reason ("low_confidence", not "uncertain").
  const firstSignal = approval.signals[0]?.kind;
  const stoppedFor = details.run?.error?.reason;
  return (
    <li className="approval-card" data-testid="approval-card" aria-labelledby={titleId}>
      <header className="approval-card-header">
        <h3 id={titleId} className="approval-task">
          {approval.taskTitle}
        </h3>
        {approval.step && (
          <span className="muted">
            step {approval.step.id} ({approval.step.uses})
          </span>
        )}
        <a className="link-button" href={`#/runs/${encodeURIComponent(approval.runId)}`}>
          Open run
        </a>
      </header>
      <dl className="approval-facts">
        <div>
          <dt>Stopped</dt>
          <dd data-testid="approval-reason">
            {approval.budget ? 'Budget reached' : words(firstSignal ?? stoppedFor ?? approval.kind)}
          </dd>
        </div>
        <div>
          <dt>Cost so far</dt>
          <dd data-testid="approval-cost">{details.run ? formatCost(details.run.costUsd) : '…'}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd data-testid="approval-expires">
            {approval.expiresAt ? formatRunTime(approval.expiresAt, timeZone, 'date') : 'Waits until decided'}
          </dd>
        </div>
      </dl>
      <p className="approval-question">{approval.question}</p>
      <Signals approval={approval} />
      {approval.subject && <SubjectView subject={approval.subject} />}
      <VerdictView approval={approval} />
      {approval.kind === 'approval_step' && approval.context !== null && !editing && (
        <details className="approval-output">
          <summary>Context</summary>
          <ReadableDocument value={approval.context} />
        </details>
      )}
      {approval.hasOutput && !approval.subject && !editing && (
        <details className="approval-output">
          <summary>Step output</summary>
          <ReadableDocument value={approval.output} />
        </details>
      )}
      <div className="field approval-note">
        <label htmlFor={`note-${approval.id}`}>Note (optional)</label>
        <input id={`note-${approval.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {editing && (
        <ApprovalEdit
          approvalId={approval.id}
          target={editTargetFor({ approval, stepInput: details.stepInput, toolOutputSchema: details.toolOutputSchema })}
          busy={busy}
          onApprove={(input) => void decide('approve', { input })}
          onCancel={() => setEditing(false)}
          onProblem={setError}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {approval.budget ? (
        <BudgetActions
          approvalId={approval.id}
          budget={approval.budget}
          busy={busy}
          onContinue={() => void decide('continue_over_budget')}
          onRaise={(budgetUsd) => void decide('raise_budget', { budgetUsd })}
          onReject={askReject}
        />
      ) : (
        !editing && (
          <div className="approval-actions">
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              onClick={() => void decide('approve')}
            >
              Approve
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={busy || !details.loaded}
              onClick={() => setEditing(true)}
            >
              Edit and approve…
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              disabled={busy}
              onClick={askReject}
            >
              Reject
            </button>
          </div>
        )
      )}
      {confirmingReject && (
        <ConfirmDialog
          title={`Reject "${approval.taskTitle}"?`}
          message={`The run ends as rejected${approval.step ? ` at step ${approval.step.id}` : ''} and is not retried; your reason goes to its log and the activity feed.`}
          confirmLabel="Reject run"
          onConfirm={reject}
          onCancel={() => setConfirmingReject(false)}
        >
          <div className="field">
            <label htmlFor={`reject-reason-${approval.id}`}>Reason for rejecting</label>
            <input
              id={`reject-reason-${approval.id}`}
              value={reason}
              aria-invalid={reasonProblem !== null}
              aria-describedby={reasonProblem ? `reject-reason-${approval.id}-problem` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonProblem && (
              <p id={`reject-reason-${approval.id}-problem`} className="field-error" role="alert">
                {reasonProblem}
              </p>
            )}
          </div>
        </ConfirmDialog>
      )}
    </li>
  );
}
