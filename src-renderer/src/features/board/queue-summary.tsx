// The header's queue line ("2 running · 1 queued · 1 waiting", or "Queue idle") and its popover
// listing those runs by task, with why each waiting run waits and when a retry comes next; each
// opens its run's page, where a running run can be followed live.
import type { ReactNode } from 'react';
import type { QueueStatus, Run } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { runHash } from '../../lib/hash-route';
import { formatRunTime } from '../../lib/run-format';
import { RunStatusBadge } from '../runs/run-status-badge';
import { useQueueStatus } from './use-queue-status';

const POPOVER_ID = 'queue-popover';

export function queueSummaryText(q: QueueStatus): string {
  const waiting = q.waitingOnDependency.length + q.waitingForRetry.length;
  const parts = [
    q.running.length > 0 && `${q.running.length} running`,
    q.queued.length > 0 && `${q.queued.length} queued`,
    waiting > 0 && `${waiting} waiting`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Queue idle';
}

interface QueueSummaryProps {
  /** The title of a task the board knows, for naming a run. */
  taskTitle(taskId: string): string | undefined;
}

export function QueueSummary({ taskTitle }: QueueSummaryProps) {
  const timeZone = useDisplayTimeZone();
  const { status, error } = useQueueStatus();
  const name = (run: Run) => taskTitle(run.taskId) ?? `Task ${run.taskId.slice(0, 8)}`;
  const item = (run: Run, detail?: ReactNode) => (
    <li key={run.id} className="queue-item" data-testid="queue-item">
      <RunStatusBadge status={run.status} />
      <a className="queue-item-title" href={runHash(run.id)}>
        {name(run)}
      </a>
      {detail && <span className="queue-item-detail">{detail}</span>}
    </li>
  );

  if (!status) {
    return (
      <span className="queue-summary muted" data-testid="queue-summary">
        {error ? `Queue: ${error}` : 'Queue: …'}
      </span>
    );
  }
  const empty =
    status.running.length + status.queued.length + status.waitingOnDependency.length + status.waitingForRetry.length ===
    0;
  return (
    <>
      <button
        type="button"
        className={`queue-summary button button-small${status.running.length > 0 ? ' is-busy' : ''}`}
        popoverTarget={POPOVER_ID}
        aria-label={`Queue: ${queueSummaryText(status)}. Show details`}
        data-testid="queue-summary"
      >
        {queueSummaryText(status)}
      </button>
      <div id={POPOVER_ID} popover="auto" className="queue-popover" role="dialog" aria-label="Queue">
        {empty && <p className="muted">Nothing is running or waiting.</p>}
        <ul className="queue-list">
          {status.running.map((run) => item(run, run.startedAt && `since ${formatRunTime(run.startedAt, timeZone)}`))}
          {status.queued.map((run) => item(run, `queued ${formatRunTime(run.queuedAt, timeZone)}`))}
          {status.waitingOnDependency.map(({ run, reason, blocked }) =>
            item(
              run,
              <>
                {blocked && <strong className="queue-blocked">Blocked: </strong>}
                {reason}
              </>,
            ),
          )}
          {status.waitingForRetry.map(({ run, nextAttemptAt }) =>
            item(run, `next attempt ${formatRunTime(nextAttemptAt, timeZone)}`),
          )}
        </ul>
        {error && <p className="field-error">{error}</p>}
      </div>
    </>
  );
}
