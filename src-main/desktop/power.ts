// The OS's power events: after a resume from sleep (or an unlock, which often follows a long idle
// the machine spent asleep) the scheduler looks for missed runs and the queue starts due runs at
// once, instead of at their next wake (timers do not count the time the machine slept). A system
// shutdown is held back, where the OS allows it, until the runtime has stopped.
import { powerMonitor } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';
import type { PowerSource } from '../core/ports';

export function watchPower(runtime: Runtime, logger: Logger, onShutdown: () => void): () => void {
  const resumed = (): void => {
    logger.info('The system resumed from sleep');
    runtime.systemResumed();
  };
  const unlocked = (): void => {
    logger.info('The screen was unlocked');
    runtime.systemResumed();
  };
  // Electron passes an event with preventDefault() here, though its typings declare no argument.
  const shutdown = (...args: unknown[]): void => {
    logger.info('The system is shutting down');
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    onShutdown();
  };
  powerMonitor.on('resume', resumed);
  powerMonitor.on('unlock-screen', unlocked);
  powerMonitor.on('shutdown', shutdown);
  return () => {
    powerMonitor.off('resume', resumed);
    powerMonitor.off('unlock-screen', unlocked);
    powerMonitor.off('shutdown', shutdown);
  };
}

/**
 * Run conditions in the desktop host: AC power and idle time from Electron's powerMonitor; the
 * battery's charge, which Electron does not report, from the OS reader both hosts share.
 */
export function electronPowerSource(os: PowerSource): PowerSource {
  return {
    onAcPower: () => !powerMonitor.isOnBatteryPower(),
    batteryPercent: () => os.batteryPercent(),
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
  };
}
