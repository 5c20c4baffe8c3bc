// The one question asked before unsaved edits would be lost, in the app's own dialog.
import { ConfirmDialog } from '../components/confirm-dialog';
import { cancelLeave, usePendingLeave } from '../lib/unsaved-changes';

function listed(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'This form';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function UnsavedChangesPrompt() {
  const request = usePendingLeave();
  if (!request) return null;
  const names = listed(request.what);
  return (
    <ConfirmDialog
      title="Discard unsaved changes?"
      message={`${names.charAt(0).toUpperCase()}${names.slice(1)} ${request.what.length > 1 ? 'have' : 'has'} changes that are not saved. Leaving now discards them.`}
      confirmLabel="Discard changes"
      onConfirm={request.proceed}
      onCancel={cancelLeave}
    />
  );
}
