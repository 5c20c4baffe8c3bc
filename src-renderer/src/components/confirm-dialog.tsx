// A yes/no question in the app's own dialog (not window.confirm, which the desktop window and
// screen readers handle poorly): the safe choice has focus first, and focus goes back to what had it
// (the button that asked) when the question is answered either way.
import type { ReactNode } from 'react';
import { Dialog } from './dialog';
import { useFocusReturn } from './use-focus-return';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** More to say or ask before deciding (a reason field), shown between the message and the buttons. */
  children?: ReactNode;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, children }: ConfirmDialogProps) {
  useFocusReturn();
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="confirm-body" data-testid="confirm-dialog">
        <p>{message}</p>
        {children}
        <div className="confirm-actions">
          <button type="button" className="button" onClick={onCancel} data-autofocus>
            Keep as is
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
