// Roll back: undoes the file writes and git steps of a run that failed, was rejected, cancelled,
// timed out or halted, newest first; says what was undone or which step could not be.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { RunStatus } from '../../api/contract-types';

const ELIGIBLE: readonly RunStatus[] = ['failed', 'cancelled', 'timed_out', 'halted'];

interface RollbackButtonProps {
  runId: string;
  status: RunStatus;
  /** Told after steps were undone, so the run's step list can show them rolled back. */
  onRolledBack?(): void;
}

export function RollbackButton({ runId, status, onRolledBack }: RollbackButtonProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [asking, setAsking] = useState(false);
  if (!ELIGIBLE.includes(status)) return null;

  const rollBack = async () => {
    setAsking(false);
    setBusy(true);
    setResult(null);
    try {
      const done = await api.call('runs.rollback', { runId });
      setResult({ ok: true, text: `Undid ${done.steps.map((s) => s.stepId).join(', ')}.` });
      onRolledBack?.();
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-small button-danger-quiet"
        disabled={busy}
        onClick={() => setAsking(true)}
        data-testid="rollback-run"
      >
        Roll back
      </button>
      {asking && (
        <ConfirmDialog
          title="Roll back this run?"
          message="Undo the file and git changes this run made?"
          confirmLabel="Roll back"
          onConfirm={() => void rollBack()}
          onCancel={() => setAsking(false)}
        />
      )}
      {result && (
        <span className={result.ok ? 'rollback-done' : 'field-error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </span>
      )}
    </>
  );
}
