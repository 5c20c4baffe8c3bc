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

/** The names of required params Run now was refused for ("params.repo: required, …"). */
function missingParams(error: ApiError): string[] {
  return error.issues.flatMap((i) => {
    const match = /^params\.([^.[]+)$/.exec(i.path);
    return match && /required/.test(i.message) ? [match[1]!] : [];
  });
}

/** What is typed is read as JSON when it can be (3, true, "x"), else as text, as the CLI does. */
function paramValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface RunParamsAskProps {
  values: Record<string, string>;
  busy: boolean;
  onChange(values: Record<string, string>): void;
  onRun(): void;
  onCancel(): void;
}

function RunParamsAsk({ values, busy, onChange, onRun, onCancel }: RunParamsAskProps) {
  return (
    <div className="run-params-ask" role="group" aria-label="Params for this run" data-testid="run-params-ask">
      <p>These params are required and have no value. This run only gets what you type here.</p>
      {Object.entries(values).map(([name, value]) => (
        <label key={name} className="field">
          <span className="mono">{name}</span>
          <input value={value} onChange={(e) => onChange({ ...values, [name]: e.target.value })} />
        </label>
      ))}
      <div className="run-controls-buttons">
        <button type="button" className="button button-primary" disabled={busy} onClick={onRun}>
          Run with these values
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
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
  // Required params without a value, asked for after Run now was refused for them.
  const [asking, setAsking] = useState<Record<string, string> | null>(null);

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

  const runNow = (params?: Record<string, unknown>) =>
    act(async () => {
      try {
        await api.call('tasks.runNow', { id: task.id, ...(params ? { params } : {}) });
      } catch (e) {
        const missing = e instanceof ApiError ? missingParams(e) : [];
        if (missing.length === 0) throw e;
        setAsking(Object.fromEntries(missing.map((name) => [name, asking?.[name] ?? ''])));
        return 'This run needs values for its params';
      }
      setAsking(null);
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
        <button type="button" className="button" disabled={busy || asking !== null} onClick={() => void runNow()}>
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
      {asking && (
        <RunParamsAsk
          values={asking}
          busy={busy}
          onChange={setAsking}
          onRun={() => void runNow(Object.fromEntries(Object.entries(asking).map(([k, v]) => [k, paramValue(v)])))}
          onCancel={() => setAsking(null)}
        />
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
    </div>
  );
}
