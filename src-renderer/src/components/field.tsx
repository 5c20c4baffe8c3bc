// A labelled form field with its hint and its inline error, wired up for screen readers and tests.
import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The form's name for the field; also names the error element for tests (`error-<name>`). */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string;
  children(control: ControlProps): ReactNode;
}

export function Field({ name, label, hint, error, className, children }: FieldProps) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
