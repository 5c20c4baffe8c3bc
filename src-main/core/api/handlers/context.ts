// What every feature's handlers are given: the store, the clock, settings, and a way to tell
// the scheduler that a schedule changed so it re-evaluates at once instead of at its next wake.
import type { Clock } from '../../lib/clock';
import type { Settings } from '../../ports';
import type { Store } from '../../store';
import type { RunServices } from '../../pipeline/services';
import type { Tool } from '../../tools/tool';
import type { WakePlanner } from '../../scheduler/wake-planner';

export interface HandlerContext {
  store: Store;
  clock: Clock;
  settings: Settings;
  scheduleChanged: () => void;
  /** The tools by name (built-ins and MCP), for checking an edited output against its tool. */
  findTool?: (name: string) => Tool | undefined;
  /** What runs lend their tools; a rollback lends the same. */
  runServices?: RunServices;
  /** Keeps the computer's wake for runs; absent when the host cannot set one. */
  wakePlanner?: WakePlanner;
}
