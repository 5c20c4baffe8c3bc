// The form's buttons. Delete asks for confirmation inside the form, not with window.confirm,
// which a desktop window and a test alike handle poorly.
import { useState } from 'react';

interface FormActionsProps {
  isNew: boolean;
  paused: boolean;
  busy: boolean;
  canSave: boolean;
  onCancel(): void;
  onDelete(): void;
  onTogglePause(): void;
}

export function FormActions({ isNew, paused, busy, canSave, onCancel, onDelete, onTogglePause }: FormActionsProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (confirmingDelete) {
    return (
      <div className="form-actions confirm-delete" role="group" aria-label="Confirm delete">
        <p className="confirm-text">Delete this task for good? Its history goes with it.</p>
        <button type="button" className="button" onClick={() => setConfirmingDelete(false)} disabled={busy}>
          Keep task
        </button>
        <button type="button" className="button button-danger" onClick={onDelete} disabled={busy}>
          Yes, delete
        </button>
      </div>
    );
  }

  return (
    <div className="form-actions">
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
