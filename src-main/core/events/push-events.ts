// The push events: what the runtime tells the board, the CLI and the hosts after a write commits.
import type { Approval, Run, RunLogLine, SchedulerStatus, Task } from '../model/types';
import type { SettingsValues } from '../settings/schema';

export interface PushEvents {
  'task:created': { task: Task };
  'task:updated': { task: Task };
  'task:deleted': { id: string };
  'run:queued': { run: Run };
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
