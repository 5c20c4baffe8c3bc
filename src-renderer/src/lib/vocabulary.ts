// The words the board uses for task statuses, priorities, schedules and misfire policies. Each map
// is typed over the contract's union, so the compiler flags a value the contract adds or drops.
import type {
  MisfirePolicy,
  OverlapPolicy,
  Priority,
  RetryPolicySettings,
  ScheduleKind,
  TaskColumn,
  TaskStatus,
} from '../api/contract-types';

/** Column titles, in board order. */
export const statusTitles: Record<TaskStatus, string> = {
  pending: 'To do',
  scheduled: 'Scheduled',
  running: 'Running',
  blocked: 'Blocked',
  halted: 'Needs attention',
  complete: 'Done',
  failed: 'Failed',
};
export const boardStatuses = Object.keys(statusTitles) as TaskStatus[];

export const priorityLabels: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};
export const priorityOptions = Object.keys(priorityLabels) as Priority[];

export const scheduleKindLabels: Record<ScheduleKind, string> = {
  manual: 'Manual',
  cron: 'Cron',
  rrule: 'Repeating rule (RRULE)',
  once: 'Once',
  interval: 'Interval',
};
export const scheduleKindOptions = Object.keys(scheduleKindLabels) as ScheduleKind[];

/** The kind as a card's schedule line starts: "Cron: 30 8 * * 1-5". */
export const scheduleKindShortLabels: Record<ScheduleKind, string> = {
  manual: 'Manual',
  cron: 'Cron',
  rrule: 'RRULE',
  once: 'Once',
  interval: 'Interval',
};

export const misfirePolicyLabels: Record<MisfirePolicy, string> = {
  run_once: 'Run once',
  skip: 'Skip',
  run_all: 'Run all',
};
export const misfirePolicyOptions = Object.keys(misfirePolicyLabels) as MisfirePolicy[];

/** One line each on what happens to runs missed while the app was off, asleep or paused. */
export const misfirePolicyExplanations: Record<MisfirePolicy, string> = {
  run_once: 'Run once to catch up (default)',
  skip: 'Skip runs missed while Ridgeline was off or asleep',
  run_all: 'Run each missed occurrence (up to 20)',
};

/** One line each on what a new run does while one of the same task is still running. */
export const overlapPolicyExplanations: Record<OverlapPolicy, string> = {
  skip: 'Skip: a new run while one is running is skipped and logged (default)',
  queue: 'Queue: a new run waits for the running one',
};
export const overlapPolicyOptions = Object.keys(overlapPolicyExplanations) as OverlapPolicy[];

export type RecoveryPolicy = RetryPolicySettings['recovery'];
export const recoveryPolicyOptions: readonly RecoveryPolicy[] = ['resume', 'retry'];
export const recoveryPolicyExplanations: Record<RecoveryPolicy, string> = {
  resume: 'Resume from the last completed step',
  retry: 'Start a new attempt from the first step',
};

/** The board's columns, in order, as the host derives them from each task's runs. */
export const columnTitles: Record<TaskColumn, string> = {
  scheduled: 'Scheduled',
  waiting: 'Waiting',
  running: 'Running',
  attention: 'Needs attention',
  failed: 'Failed',
  done: 'Done',
};
export const boardColumns = Object.keys(columnTitles) as TaskColumn[];
