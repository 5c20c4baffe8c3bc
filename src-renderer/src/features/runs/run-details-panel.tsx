// One run up close: status and timing, its error in plain words, the chain of attempts, the steps
// with their errors, the live log, and Cancel (while it is not final) or Retry now (once it is).
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Run, RunStep } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import {
  formatCost,
  formatRunTime,
  isFinalRun,
  runDuration,
  runStatusLabels,
  runTriggerLabels,
} from '../../lib/run-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { RollbackButton } from '../approvals/rollback-button';
import { RunLog } from './run-log';
import { RunProgress } from '../memory/run-progress';
import { RunStatusBadge } from './run-status-badge';
import { useRunDetails } from './use-run-details';
import { runHash } from '../../lib/hash-route';

interface RunDetailsPanelProps {
  runId: string;
  onBack(): void;
  /** Shows another run of the chain (an earlier attempt, or the one Retry now queued). */
  onOpenRun(id: string): void;
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    if (typeof e.error === 'string') return typeof e.reason === 'string' ? `${e.reason}: ${e.error}` : e.error;
    if (typeof e.message === 'string') return e.message;
  }
  return JSON.stringify(error);
}

function Timing({ run, timeZone }: { run: Run; timeZone: string }) {
  const now = useMinuteClock();
  const duration = runDuration(run, now);
  const at = (label: string, iso: string | null) =>
    iso && (
      <>
        <dt>{label}</dt>
        <dd>
          <time dateTime={iso}>{formatRunTime(iso, timeZone)}</time>
        </dd>
      </>
    );
  return (
    <dl className="run-timing">
      {at('Queued', run.queuedAt)}
      {at('Started', run.startedAt)}
      {at('Finished', run.finishedAt)}
      {duration && (
        <>
          <dt>Duration</dt>
          <dd>{duration}</dd>
        </>
      )}
      {run.costUsd > 0 && (
        <>
          <dt>Cost</dt>
          <dd>
            {formatCost(run.costUsd)} ({run.inputTokens} in / {run.outputTokens} out tokens)
          </dd>
        </>
      )}
    </dl>
  );
}

function Steps({ steps }: { steps: RunStep[] }) {
  if (steps.length === 0) return <p className="muted">No steps have run yet.</p>;
  return (
    <ol className="run-steps" aria-label="Steps">
      {steps.map((step) => (
        <li key={`${step.stepId}-${step.attempt}`} className={`run-step run-step-${step.status}`}>
          <span className="run-step-id">{step.stepId}</span>
          <span className="run-step-status">{step.status.replace('_', ' ')}</span>
          {step.attempt > 1 && <span className="muted">attempt {step.attempt}</span>}
          {step.error !== null && step.error !== undefined && (
            <span className="run-step-error">{errorText(step.error)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

export function RunDetailsPanel({ runId, onBack, onOpenRun }: RunDetailsPanelProps) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const { details, error, refetch } = useRunDetails(runId);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const run = details?.run;
  return (
    <section className="run-details" aria-label="Run details" data-testid="run-details">
      <button type="button" className="link-button" onClick={onBack}>
        ← All runs
      </button>
      {error && (
        <p className="field-error" role="alert">
          Could not load the run: {error}
        </p>
      )}
      {!details && !error && <p className="muted">Loading run…</p>}
      {run && details && (
        <>
          <header className="run-details-header">
            <RunStatusBadge status={run.status} />
            <span>{runTriggerLabels[run.trigger]} run</span>
            {run.attempt > 1 && <span className="muted">attempt {run.attempt}</span>}
            <a href={runHash(run.id)} data-testid="run-page-link">
              Open its page
            </a>
            <span className="run-details-actions">
              {isFinalRun(run.status) ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  onClick={() => void act(async () => onOpenRun((await api.call('runs.retry', { id: run.id })).id))}
                >
                  Retry now
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  disabled={busy}
                  onClick={() => void act(async () => void (await api.call('runs.cancel', { id: run.id })))}
                >
                  Cancel run
                </button>
              )}
              <RollbackButton runId={run.id} status={run.status} onRolledBack={() => void refetch()} />
            </span>
          </header>
          {actionError && (
            <p className="field-error" role="alert" data-testid="run-action-error">
              {actionError}
            </p>
          )}
          <Timing run={run} timeZone={timeZone} />
          {run.error && (
            <div className="run-error" data-testid="run-error-detail">
              <p>
                <strong>{run.error.reason}</strong>: {run.error.error}
              </p>
              {run.error.signals.length > 0 && (
                <ul className="run-error-signals">
                  {run.error.signals.map((signal) => (
                    <li key={signal}>{signal}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {details.attempts.length > 1 && (
            <nav className="run-attempts" aria-label="Attempts">
              {details.attempts.map((attempt) => (
                <button
                  key={attempt.id}
                  type="button"
                  className="chip"
                  aria-current={attempt.id === run.id ? 'true' : undefined}
                  onClick={() => onOpenRun(attempt.id)}
                >
                  #{attempt.attempt} {runStatusLabels[attempt.status]}
                </button>
              ))}
            </nav>
          )}
          <h3 className="run-section-title">Steps</h3>
          <Steps steps={details.steps} />
          <RunProgress taskId={run.taskId} runId={run.id} timeZone={timeZone} />
          <h3 className="run-section-title">Log</h3>
          <RunLog lines={details.logs} live={!isFinalRun(run.status)} timeZone={timeZone} />
        </>
      )}
    </section>
  );
}
