// The header's scheduler line: running or paused, the next run due, and a Pause/Resume button.
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatNextRun } from '../../lib/schedule-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { useSchedulerStatus } from './use-scheduler-status';

export function SchedulerControl() {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
  const { status, error, busy, toggle } = useSchedulerStatus();

  if (!status) {
    return (
      <span className="scheduler-control" data-testid="scheduler-status">
        {error ? <span className="scheduler-error">Scheduler: {error}</span> : 'Scheduler: …'}
      </span>
    );
  }

  const detail = status.nextRunAt ? (
    <>
      next: {status.nextTaskTitle && <span className="scheduler-next-title">{status.nextTaskTitle}</span>}{' '}
      {formatNextRun(status.nextRunAt, timeZone, now)}
    </>
  ) : (
    'nothing scheduled'
  );
  return (
    <span className={`scheduler-control${status.paused ? ' is-paused' : ''}`}>
      <span className="scheduler-text" data-testid="scheduler-status">
        <span className="scheduler-dot" aria-hidden="true" />
        {status.paused ? 'Scheduler: paused' : <>Scheduler: running · {detail}</>}
      </span>
      <button
        type="button"
        className="button button-small"
        aria-label={status.paused ? 'Resume scheduler' : 'Pause scheduler'}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {status.paused ? 'Resume' : 'Pause'}
      </button>
      {error && (
        <span className="scheduler-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
