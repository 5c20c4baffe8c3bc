// Electron's 'suspend' event: the last moment to set the wake for the next wake-to-run task, in
// case the one set earlier was used up or dropped by the OS.
import { powerMonitor } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';

export function armWakeOnSuspend(runtime: Runtime, logger: Logger): () => void {
  const suspending = (): void => {
    logger.info('The system is going to sleep');
    void runtime.systemSuspending();
  };
  powerMonitor.on('suspend', suspending);
  return () => powerMonitor.off('suspend', suspending);
}
