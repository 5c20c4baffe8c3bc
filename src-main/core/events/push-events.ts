// The push events: what the runtime tells the board, the CLI and the hosts after a write commits.
import type { Approval, Run, RunLogLine, SchedulerStatus, Task } from '../model/types';
import type { TaskProgress } from '../model/task-progress';
import type { SettingsValues } from '../settings/schema';

/** What firing changed on a task: the card shows when it runs next and when it last fired. */
export interface FiredTask {
  id: string;
  nextRunAt: string | null;
  lastFiredAt: string | null;
}

export interface PushEvents {
  'task:created': { task: Task };
  'task:updated': { task: Task };
  /** A run moved its task (status, phase, last error): what changed, not the whole task. */
  'task:progress': { task: TaskProgress };
  'task:deleted': { id: string };
  'run:queued': { run: Run };
  /** One per slice of a scheduler wake: every run it queued and every task it advanced. */
  'schedule:fired': { runs: Run[]; tasks: FiredTask[] };
  'run:updated': { run: Run };
  'run:log': { runId: string; lines: RunLogLine[] };
  'scheduler:updated': { status: SchedulerStatus };
  'approval:created': { approval: Approval };
  'approval:updated': { approval: Approval };
  'settings:updated': { settings: SettingsValues };
}
export type PushEventName = keyof PushEvents;
/** One pushed event; checking `event` narrows `data` to that event's shape. */
export type PushMessage<K extends PushEventName = PushEventName> = { [E in K]: { event: E; data: PushEvents[E] } }[K];
