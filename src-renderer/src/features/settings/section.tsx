// One titled section of the Settings page with its Save button and what the save came to. Edits not
// yet saved hold a guard, so leaving the page or reloading asks first.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import type { SaveState } from './use-settings';

interface SectionProps {
  id: string;
  title: string;
  description?: string;
  state: SaveState;
  /** Fields the host's message covers inline; any other error shows at the foot of the section. */
  fieldPaths: string[];
  onSave(): void;
  children: ReactNode;
}

export function SettingsSection({ id, title, description, state, fieldPaths, onSave, children }: SectionProps) {
  const [edited, setEdited] = useState(false);
  useUnsavedChanges(edited, `${title} settings`);
  // A save that went through makes the section clean again; edits after it make it dirty.
  const [seenSaved, setSeenSaved] = useState(state.saved);
  if (state.saved !== seenSaved) {
    setSeenSaved(state.saved);
    if (state.saved) setEdited(false);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  const shownInline = state.error?.issues.some((i) => fieldPaths.some((p) => i.path === p || i.path.startsWith(p)));
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <p className="muted">{description}</p>}
      <form
        noValidate
        onSubmit={submit}
        onInput={() => setEdited(true)}
        onChange={() => setEdited(true)}
        data-testid={`settings-${id}`}
      >
        <div className="settings-fields">{children}</div>
        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={state.saving}>
            {state.saving ? 'Saving…' : 'Save'}
          </button>
          {state.saved && !edited && (
            <span className="settings-saved" role="status">
              Saved
            </span>
          )}
          {state.error && !shownInline && (
            <p className="form-error" role="alert">
              {state.error.message}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
