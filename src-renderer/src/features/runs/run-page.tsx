// A run's own page (#/runs/<id>): what ran and when, the error as {reason, error, signals}, its
// attempts, the step timeline, each step's records, and the live log, with Cancel, Retry and Roll
// back offered only when they can do something.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Run, RunStatus } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { pageHash, runHash } from '../../lib/hash-route';
import {
  formatCost,
  formatRunTime,
  isFinalRun,
  runDuration,
  runStatusLabels,
  runTriggerLabels,
} from '../../lib/run-format';
import { goTo } from '../../lib/use-route';
import { useTickingNow } from '../../lib/use-ticking-now';
import { RollbackButton } from '../approvals/rollback-button';
import { RunLog } from './run-log';
import { RunOutcome } from './run-outcome';
import { RunStatusBadge } from './run-status-badge';
import { StepRecords } from './step-records';
import { StepTimeline, stepState } from './step-timeline';
import { useRunDetails } from './use-run-details';
import { useMissingTitles } from './use-missing-titles';
import { useTaskTitles } from './use-task-titles';

function Facts({ run, now, timeZone }: { run: Run; now: number; timeZone: string }) {
  const at = (label: string, iso: string | null) =>
    iso && (
      <div>
        <dt>{label}</dt>
        <dd>
          <time dateTime={iso}>{formatRunTime(iso, timeZone, 'date')}</time>
        </dd>
      </div>
    );
  return (
    <dl className="run-facts">
      <div>
        <dt>Trigger</dt>
        <dd>{runTriggerLabels[run.trigger]}</dd>
      </div>
      {at('Scheduled for', run.scheduledFor)}
      {at('Queued', run.queuedAt)}
      {at('Started', run.startedAt)}
      {at('Finished', run.finishedAt)}
      <div>
        <dt>Duration</dt>
        <dd>{runDuration(run, now) ?? '—'}</dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd>
          {run.inputTokens.toLocaleString('en-US')} in / {run.outputTokens.toLocaleString('en-US')} out
        </dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(run.costUsd)}</dd>
      </div>
    </dl>
  );
}

/** What runs.retry accepts: a succeeded run has nothing to retry (Run now on its task runs it again). */
const RETRYABLE: readonly RunStatus[] = ['failed', 'timed_out', 'cancelled'];

function RunActions({ run, onRolledBack }: { run: Run; onRolledBack(): void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="run-page-actions">
      {RETRYABLE.includes(run.status) && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void act(async () => goTo(runHash((await api.call('runs.retry', { id: run.id })).id)))}
        >
          Retry now
        </button>
      )}
      {!isFinalRun(run.status) && (
        <button
          type="button"
          className="button button-danger-quiet"
          disabled={busy}
          onClick={() => void act(async () => void (await api.call('runs.cancel', { id: run.id })))}
        >
          Cancel run
        </button>
      )}
      <RollbackButton runId={run.id} status={run.status} onRolledBack={onRolledBack} />
      {error && (
        <p className="field-error" role="alert" data-testid="run-action-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function RunPage({ runId }: { runId: string }) {
  const timeZone = useDisplayTimeZone();
  const { titles: firstTitles } = useTaskTitles();
  const { details, error, refetch } = useRunDetails(runId);
  const run = details?.run;
  const titles = useMissingTitles(run ? [run.taskId] : [], firstTitles);
  const live = run ? !isFinalRun(run.status) : false;
  const now = useTickingNow(live);

  if (!details || !run) {
    return (
      <section className="run-page" aria-label="Run">
        <a href={pageHash('runs')}>← All runs</a>
        {error ? (
          <p className="banner banner-error" role="alert">
            Could not load the run: {error}
          </p>
        ) : (
          <p className="muted">Loading run…</p>
        )}
      </section>
    );
  }
  const states = details.steps.map((s, i) => stepState(s, run, i === details.steps.length - 1));
  const title = titles.get(run.taskId) ?? 'Run';
  return (
    <section className="run-page" aria-labelledby="run-title" data-testid="run-details">
      <a href={pageHash('runs', { task: run.taskId })}>← Runs of this task</a>
      <header className="run-page-header">
        <h2 id="run-title" className="page-title">
          {title}
        </h2>
        <RunStatusBadge status={run.status} />
        {run.attempt > 1 && <span className="muted">attempt {run.attempt}</span>}
        <RunActions run={run} onRolledBack={() => void refetch()} />
      </header>
      <Facts run={run} now={now} timeZone={timeZone} />
      {run.error && (
        <div className="run-error" data-testid="run-error-detail">
          <dl>
            <dt>Reason</dt>
            <dd>{run.error.reason}</dd>
            <dt>Error</dt>
            <dd>{run.error.error}</dd>
            {run.error.signals.length > 0 && (
              <>
                <dt>Signals</dt>
                <dd>
                  <ul className="run-error-signals">
                    {run.error.signals.map((signal) => (
                      <li key={signal}>{signal}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
      {details.attempts.length > 1 && (
        <nav className="run-attempts" aria-label="Attempts">
          <h3 className="run-section-title">Attempts</h3>
          <ol>
            {details.attempts.map((attempt) => (
              <li key={attempt.id}>
                <a
                  className="chip"
                  href={runHash(attempt.id)}
                  aria-current={attempt.id === run.id ? 'page' : undefined}
                >
                  #{attempt.attempt} {runStatusLabels[attempt.status]} ·{' '}
                  {formatRunTime(attempt.queuedAt, timeZone, 'date')}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <RunOutcome details={details} onRated={() => void refetch()} />
      <h3 className="run-section-title">Timeline</h3>
      <StepTimeline run={run} steps={details.steps} now={now} timeZone={timeZone} />
      {details.steps.length > 0 && (
        <>
          <h3 className="run-section-title">Steps</h3>
          <StepRecords steps={details.steps} states={states} usage={details.usageByStep} timeZone={timeZone} />
        </>
      )}
      <h3 className="run-section-title">Log</h3>
      <RunLog lines={details.logs} live={live} timeZone={timeZone} />
    </section>
  );
}
