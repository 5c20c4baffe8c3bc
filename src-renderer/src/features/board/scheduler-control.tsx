// The header's scheduler line: running or paused, the next run due, and a Pause/Resume button.
// Pausing stops every schedule at once, so it asks first; resuming does not.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatNextRun } from '../../lib/schedule-format';
import { formatInstant } from '../../lib/time';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { useSchedulerStatus } from './use-scheduler-status';

export function SchedulerControl() {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
  const { status, error, busy, toggle } = useSchedulerStatus();
  const [confirming, setConfirming] = useState(false);

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
        onClick={() => (status.paused ? void toggle() : setConfirming(true))}
      >
        {status.paused ? 'Resume' : 'Pause'}
      </button>
      {confirming && (
        <ConfirmDialog
          title="Pause the scheduler?"
          message={`No task fires on its schedule until you resume${
            status.nextRunAt && status.nextTaskTitle
              ? ` (the next is "${status.nextTaskTitle}" at ${formatInstant(status.nextRunAt, timeZone)})`
              : ''
          }. Runs already going carry on, and Run now still works.`}
          confirmLabel="Pause all schedules"
          onConfirm={() => {
            setConfirming(false);
            void toggle();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
      {error && (
        <span className="scheduler-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
