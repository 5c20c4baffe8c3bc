// system.wake: the wake-for-runs capability of this host and the wake it has set.
import type { WakePlanner } from '../../scheduler/wake-planner';
import type { WakeStatus } from '../wake-io';
import { isoAt } from '../../lib/time-format';

const noAdapter: WakeStatus = {
  available: false,
  method: null,
  reason: 'this Ridgeline was started without a way to wake the computer',
  remedy: null,
  armed: null,
  lastError: null,
};

export function createWakeHandlers(planner: WakePlanner | undefined) {
  return {
    'system.wake': async (): Promise<WakeStatus> => {
      if (!planner) return noAdapter;
      const capability = await planner.capability();
      const { armed, lastError } = planner.state();
      return {
        ...capability,
        armed: armed
          ? {
              wakeAt: isoAt(armed.at),
              runAt: isoAt(armed.target.nextRunAt),
              taskId: armed.target.taskId,
              title: armed.target.title,
            }
          : null,
        lastError,
      };
    },
  };
}
