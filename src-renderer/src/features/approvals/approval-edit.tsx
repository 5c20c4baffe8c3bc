// "Edit and approve": the part of the halted step's output a person may change, in a form generated
// from its schema or, for free text, a text area; approving sends it merged back into the output.
import { useState, type FormEvent } from 'react';
import type { EditTarget } from './edit-target';
import { SchemaField } from './schema-form';

interface ApprovalEditProps {
  approvalId: string;
  target: EditTarget;
  busy: boolean;
  onApprove(value: unknown): void;
  onCancel(): void;
  onProblem(message: string): void;
}

export function ApprovalEdit({ approvalId, target, busy, onApprove, onCancel, onProblem }: ApprovalEditProps) {
  const [value, setValue] = useState<unknown>(target.initial);
  const id = `edit-${approvalId}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      onApprove(target.merge(value));
    } catch (e) {
      onProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="approval-edit" onSubmit={submit} data-testid="approval-edit">
      {target.mode === 'form' && target.schema ? (
        <SchemaField schema={target.schema} value={value} onChange={setValue} id={id} label={target.label} />
      ) : (
        <div className="field">
          <label htmlFor={id}>{target.label}</label>
          <textarea id={id} rows={8} value={String(value)} onChange={(e) => setValue(e.target.value)} />
        </div>
      )}
      <div className="approval-actions">
        <button type="submit" className="button button-small button-primary" disabled={busy}>
          Approve edited
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={onCancel}>
          Cancel edit
        </button>
      </div>
    </form>
  );
}
