// One pending approval: the task, the question, what is being judged, the signals that led to it, the
// halted step's output, and the decisions: approve, reject, or approve with an edited output (JSON);
// a budget halt offers continue over budget and raise the budget instead of approve. Reject ends the
// run, so it asks first.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Approval } from '../../api/contract-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatRunTime } from '../../lib/run-format';
import { BudgetActions } from './budget-actions';

interface ApprovalCardProps {
  approval: Approval;
  onDecided(id: string): void;
}

function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The edited text as the value to approve with: JSON when it parses, else the text itself. */
function editedValue(text: string, original: unknown): unknown {
  if (typeof original === 'string') return text;
  return JSON.parse(text) as unknown;
}

export function ApprovalCard({ approval, onDecided }: ApprovalCardProps) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const [editing, setEditing] = useState(false);
  const editable = approval.kind === 'approval_step' ? (approval.context ?? {}) : approval.output;
  const [edited, setEdited] = useState(() => pretty(editable));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingReject, setConfirmingReject] = useState(false);

  const decide = async (
    decision: 'approve' | 'reject' | 'continue_over_budget' | 'raise_budget',
    withEdit: boolean,
    budgetUsd?: number,
  ) => {
    setError(null);
    let input: unknown;
    if (withEdit) {
      try {
        input = editedValue(edited, editable);
      } catch (e) {
        setError(`The edited output is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
    setBusy(true);
    try {
      await api.call('approvals.decide', {
        id: approval.id,
        decision,
        ...(withEdit ? { input } : {}),
        ...(budgetUsd !== undefined ? { budgetUsd } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDecided(approval.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="approval-card" data-testid="approval-card">
      <header className="approval-card-header">
        <strong>{approval.taskTitle}</strong>
        {approval.step && <span className="muted">step {approval.step.id}</span>}
        {approval.expiresAt && <span className="muted">expires {formatRunTime(approval.expiresAt, timeZone)}</span>}
        <a className="link-button" href={`#/runs/${encodeURIComponent(approval.runId)}`}>
          Open run
        </a>
      </header>
      <p className="approval-question">{approval.question}</p>
      {approval.subject && (
        <details className="approval-output approval-subject" open>
          <summary>
            Judging {approval.subject.title}
            {approval.subject.truncated ? ' (shortened)' : ''}
          </summary>
          <pre>{approval.subject.content}</pre>
        </details>
      )}
      {approval.kind === 'approval_step' && approval.context !== null && !editing && (
        <details className="approval-output">
          <summary>Context</summary>
          <pre>{pretty(approval.context)}</pre>
        </details>
      )}
      {approval.kind === 'uncertainty' && approval.signals.length > 0 && (
        <ul className="approval-signals" aria-label="Why it stopped">
          {approval.signals.map((signal) => (
            <li key={`${signal.kind}-${signal.stepId}-${signal.message}`}>{signal.message}</li>
          ))}
        </ul>
      )}
      {approval.hasOutput && !editing && (
        <details className="approval-output">
          <summary>Step output</summary>
          <pre>{pretty(approval.output)}</pre>
        </details>
      )}
      {editing && (
        <div className="field">
          <label htmlFor={`edit-${approval.id}`}>
            {approval.kind === 'approval_step' ? 'Input to approve with' : 'Output to approve with'}
          </label>
          <textarea id={`edit-${approval.id}`} rows={8} value={edited} onChange={(e) => setEdited(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`note-${approval.id}`}>Note (optional)</label>
        <input id={`note-${approval.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
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
          onContinue={() => void decide('continue_over_budget', false)}
          onRaise={(budgetUsd) => void decide('raise_budget', false, budgetUsd)}
          onReject={() => setConfirmingReject(true)}
        />
      ) : (
        <div className="approval-actions">
          {editing ? (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy}
                onClick={() => void decide('approve', true)}
              >
                Approve edited
              </button>
              <button type="button" className="button button-small" disabled={busy} onClick={() => setEditing(false)}>
                Cancel edit
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy}
                onClick={() => void decide('approve', false)}
              >
                Approve
              </button>
              <button type="button" className="button button-small" disabled={busy} onClick={() => setEditing(true)}>
                Edit and approve…
              </button>
              <button
                type="button"
                className="button button-small button-danger-quiet"
                disabled={busy}
                onClick={() => setConfirmingReject(true)}
              >
                Reject
              </button>
            </>
          )}
        </div>
      )}
      {confirmingReject && (
        <ConfirmDialog
          title={`Reject "${approval.taskTitle}"?`}
          message={`The run ends as rejected${approval.step ? ` at step ${approval.step.id}` : ''} and is not retried${
            note.trim() ? `; your note goes to its log: "${note.trim()}"` : ''
          }.`}
          confirmLabel="Reject run"
          onConfirm={() => {
            setConfirmingReject(false);
            void decide('reject', false);
          }}
          onCancel={() => setConfirmingReject(false)}
        />
      )}
    </li>
  );
}
