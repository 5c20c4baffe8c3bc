// What every feature's handlers are given: the store, the clock, settings, and a way to tell
// the scheduler that a schedule changed so it re-evaluates at once instead of at its next wake.
import type { Clock } from '../../lib/clock';
import type { Settings } from '../../ports';
import type { Store } from '../../store';

export interface HandlerContext {
  store: Store;
  clock: Clock;
  settings: Settings;
  scheduleChanged: () => void;
}
