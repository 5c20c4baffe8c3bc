// The task form's Runs tab: the task's run history, newest first and live, and a run's details in
// place of the list once a row is opened.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { RunSummary } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatCost, formatRunTime, runDuration, runTriggerLabels } from '../../lib/run-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { RunDetailsPanel } from './run-details-panel';
import { RunStatusBadge } from './run-status-badge';
import { useTaskRuns } from './use-task-runs';

function RunRow({ run, onOpen }: { run: RunSummary; onOpen(): void }) {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
  const duration = runDuration(run, now);
  const time = (label: string, iso: string | null) =>
    iso && (
      <span className="run-row-time">
        {label} <time dateTime={iso}>{formatRunTime(iso, timeZone)}</time>
      </span>
    );
  return (
    <li>
      <button type="button" className="run-row" data-testid="run-row" data-run-id={run.id} onClick={onOpen}>
        <RunStatusBadge status={run.status} />
        <span className="run-row-trigger">{runTriggerLabels[run.trigger]}</span>
        {run.attempt > 1 && <span className="muted">attempt {run.attempt}</span>}
        <span className="run-row-times">
          {time('Queued', run.queuedAt)}
          {time('Started', run.startedAt)}
          {time('Finished', run.finishedAt)}
        </span>
        {duration && <span className="run-row-duration">{duration}</span>}
        {run.costUsd > 0 && <span className="run-row-cost">{formatCost(run.costUsd)}</span>}
      </button>
    </li>
  );
}

export function RunsPanel({ taskId }: { taskId: string }) {
  const api = useApi();
  const history = useTaskRuns(taskId);
  const [openRunId, setOpenRunId] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  const runNow = () =>
    api.call('tasks.runNow', { id: taskId }).then(
      () => setRunError(null),
      (e: unknown) => setRunError(e instanceof Error ? e.message : String(e)),
    );

  if (openRunId) {
    return (
      <RunDetailsPanel key={openRunId} runId={openRunId} onBack={() => setOpenRunId(null)} onOpenRun={setOpenRunId} />
    );
  }
  return (
    <section className="runs-panel" aria-label="Run history" data-testid="run-history">
      <div className="runs-toolbar">
        <span className="muted">{history.total === 1 ? '1 run' : `${history.total} runs`}</span>
        <button type="button" className="button button-small" onClick={() => void runNow()}>
          Run now
        </button>
      </div>
      {runError && (
        <p className="field-error" role="alert">
          {runError}
        </p>
      )}
      {history.error && (
        <p className="field-error" role="alert">
          Could not load runs: {history.error}
        </p>
      )}
      {!history.loaded && <p className="muted">Loading runs…</p>}
      {history.loaded && history.runs.length === 0 && !history.error && (
        <p className="muted" data-testid="no-runs">
          No runs yet. Run now queues one.
        </p>
      )}
      {history.runs.length > 0 && (
        <ul className="run-list">
          {history.runs.map((run) => (
            <RunRow key={run.id} run={run} onOpen={() => setOpenRunId(run.id)} />
          ))}
        </ul>
      )}
      {history.total > history.runs.length && (
        <button
          type="button"
          className="button button-small"
          disabled={history.loadingMore}
          onClick={() => void history.loadMore()}
        >
          Load more ({history.total - history.runs.length} older)
        </button>
      )}
    </section>
  );
}
