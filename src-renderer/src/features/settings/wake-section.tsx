// Wake for runs: whether this host can wake the computer for tasks that ask for it, the wake it
// has set, or why it cannot and what the user can do. Read-only: the OS grants it, not a setting.
import { useCall } from '../../api/use-call';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatInstant } from '../../lib/time';

export function WakeSection() {
  const wake = useCall('system.wake', {});
  const zone = useDisplayTimeZone();
  return (
    <section className="settings-section" aria-labelledby="wake-title" data-testid="settings-wake">
      <h2 id="wake-title">Wake for runs</h2>
      <p className="muted">
        A task with “Wake the computer for its runs” wakes this computer from sleep a minute before each scheduled run.
      </p>
      {wake.status === 'loading' && <p>Checking…</p>}
      {wake.status === 'failed' && (
        <p className="form-error" role="alert">
          Could not check: {wake.error.message}
        </p>
      )}
      {wake.status === 'done' && wake.value.available && (
        <>
          <p>
            Wake for runs: <strong>available</strong> ({wake.value.method}).
          </p>
          <p>
            {wake.value.armed
              ? `Next wake: ${formatInstant(wake.value.armed.wakeAt, zone)}, for “${wake.value.armed.title}”.`
              : 'No task that wakes the computer is due.'}
          </p>
        </>
      )}
      {wake.status === 'done' && !wake.value.available && (
        <p>
          Wake for runs: <strong>not available</strong> because {wake.value.reason}
          {wake.value.remedy ? `; to allow it, ${wake.value.remedy}.` : '.'}
        </p>
      )}
      {wake.status === 'done' && wake.value.lastError && (
        <p className="form-error" role="alert">
          The last wake could not be set: {wake.value.lastError}
        </p>
      )}
    </section>
  );
}
