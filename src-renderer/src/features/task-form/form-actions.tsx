// The form's buttons. Delete asks first in the app's own dialog (not window.confirm, which a desktop
// window and a screen reader handle poorly), naming the task and what its deletion takes with it.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';

interface FormActionsProps {
  isNew: boolean;
  /** The task's saved title, named in the delete question. */
  title: string;
  /** Titles of the tasks that wait for this one. */
  dependents: readonly string[];
  paused: boolean;
  busy: boolean;
  canSave: boolean;
  onCancel(): void;
  onDelete(): void;
  onTogglePause(): void;
}

function deleteMessage(title: string, dependents: readonly string[]): string {
  const waiting =
    dependents.length === 0
      ? ''
      : ` ${dependents.length === 1 ? 'One task waits' : `${dependents.length} tasks wait`} for it (${dependents.join(', ')}); ${dependents.length === 1 ? 'it' : 'they'} will no longer wait.`;
  return `"${title}" is deleted for good, with its runs, logs and approvals.${waiting}`;
}

export function FormActions({
  isNew,
  title,
  dependents,
  paused,
  busy,
  canSave,
  onCancel,
  onDelete,
  onTogglePause,
}: FormActionsProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  return (
    <div className="form-actions">
      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete "${title}"?`}
          message={deleteMessage(title, dependents)}
          confirmLabel="Delete task"
          onConfirm={() => {
            setConfirmingDelete(false);
            onDelete();
          }}
          onCancel={() => setConfirmingDelete(false)}
        />
      )}
      {!isNew && (
        <>
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={() => setConfirmingDelete(true)}
            disabled={busy || !canSave}
          >
            Delete
          </button>
          <button type="button" className="button" onClick={onTogglePause} disabled={busy || !canSave}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        </>
      )}
      <span className="form-actions-spacer" />
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy || !canSave}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}
