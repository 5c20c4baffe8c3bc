// Quitting the desktop host: runs in flight are stopped and checkpointed before the process exits.
import { app } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';

/** Past this, a quit goes ahead even if a run would not stop; the next start recovers its lease. */
const STOP_TIME_LIMIT_MS = 20_000;

/**
 * Holds the quit until runs in flight are checkpointed and re-queued as interrupted, the data
 * directory is released and the database closed; then exits without a second round of events.
 * `onQuitting` runs first, once: the host takes its tray, IPC and loopback server down there; the
 * runtime stops once what it returns has settled, so no request reaches a stopping runtime.
 */
export function stopOnQuit(runtime: Runtime, logger: Logger, onQuitting: () => Promise<void> | void): void {
  let stopping = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    const limit = setTimeout(() => {
      logger.error('Runtime did not stop in time; exiting anyway', { limitMs: STOP_TIME_LIMIT_MS });
      app.exit(1);
    }, STOP_TIME_LIMIT_MS);
    Promise.resolve(onQuitting())
      .then(() => runtime.stop())
      .then(
        () => app.exit(0),
        (error: unknown) => {
          logger.error('Runtime did not stop cleanly', { error: String(error) });
          app.exit(1);
        },
      )
      .finally(() => clearTimeout(limit));
  });
}
