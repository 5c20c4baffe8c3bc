// The one doorway from the renderer to the contract: types only, so no runtime code of the
// main process ends up in the renderer bundle.
export type {
  CallInput,
  CallName,
  CallOutput,
  ErrorCode,
  MisfirePolicy,
  Page,
  Priority,
  Project,
  PushEventName,
  PushEvents,
  PushMessage,
  Run,
  Schedule,
  ScheduleKind,
  ScheduleOccurrence,
  SchedulePreview,
  SchedulerStatus,
  Task,
  TaskStatus,
} from '../../../src-main/core/api/contract';
