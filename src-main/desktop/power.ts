// The OS's power events: after a resume from sleep the scheduler looks for missed runs at once,
// instead of at its next wake (timers do not count the time the machine slept).
import { powerMonitor } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';

export function watchPower(runtime: Runtime, logger: Logger): () => void {
  const resumed = (): void => {
    logger.info('The system resumed from sleep');
    runtime.systemResumed();
  };
  powerMonitor.on('resume', resumed);
  return () => powerMonitor.off('resume', resumed);
}
