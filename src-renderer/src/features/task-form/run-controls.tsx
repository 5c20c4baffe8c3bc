// For a saved task: its next run, Run now (queues a manual run), and, when a run is coming up,
// Skip next run and Delay next run. They act at once, apart from the form's unsaved edits.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { Task } from '../../api/contract-types';
import { formatOccurrence } from '../../lib/schedule-format';
import { readableIssue } from './form-values';

const NOTICE_MS = 6000;

export const delayChoices: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 hour' },
  { minutes: 180, label: '3 hours' },
];

interface RunControlsProps {
  task: Task;
  displayTimeZone: string;
  onSaved(task: Task): void;
}

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.issues.length > 0) {
    return error.issues
      .map((i) => readableIssue(i.path === 'delayMinutes' ? 'The delay' : i.path, i.message))
      .join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}

export function RunControls({ task, displayTimeZone, onSaved }: RunControlsProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choosingDelay, setChoosingDelay] = useState(false);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
      setChoosingDelay(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const runNow = () =>
    act(async () => {
      await api.call('tasks.runNow', { id: task.id });
      return 'Queued';
    });
  const skipNext = () =>
    act(async () => {
      onSaved(await api.call('tasks.snooze', { id: task.id, action: 'skip_next' }));
      return 'Skipped the next run';
    });
  const delay = (minutes: number, label: string) =>
    act(async () => {
      onSaved(await api.call('tasks.snooze', { id: task.id, action: 'delay', delayMinutes: minutes }));
      return `Delayed by ${label}`;
    });

  return (
    <div className="run-controls" data-testid="run-controls">
      <p className="run-controls-next">
        {task.nextRunAt ? (
          <>
            Next run:{' '}
            <time dateTime={task.nextRunAt} data-testid="form-next-run">
              {formatOccurrence(Date.parse(task.nextRunAt), displayTimeZone)}
            </time>
          </>
        ) : (
          <span className="muted">No run scheduled.</span>
        )}
      </p>
      <div className="run-controls-buttons">
        <button type="button" className="button" disabled={busy} onClick={() => void runNow()}>
          Run now
        </button>
        {task.nextRunAt && !choosingDelay && (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => void skipNext()}>
              Skip next run
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setChoosingDelay(true)}>
              Delay next run…
            </button>
          </>
        )}
        {task.nextRunAt && choosingDelay && (
          <span className="delay-choices" role="group" aria-label="Delay the next run by">
            <span className="muted">Delay by</span>
            {delayChoices.map((choice) => (
              <button
                key={choice.minutes}
                type="button"
                className="chip"
                disabled={busy}
                onClick={() => void delay(choice.minutes, choice.label)}
              >
                {choice.label}
              </button>
            ))}
            <button type="button" className="link-button" onClick={() => setChoosingDelay(false)}>
              Don’t delay
            </button>
          </span>
        )}
        <span className="run-controls-notice" role="status" data-testid="run-notice">
          {notice}
        </span>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
    </div>
  );
}
