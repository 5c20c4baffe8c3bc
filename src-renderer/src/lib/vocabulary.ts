// The words the board uses for task statuses, priorities, schedules and misfire policies. Each map
// is typed over the contract's union, so the compiler flags a value the contract adds or drops.
import type { MisfirePolicy, Priority, ScheduleKind, TaskStatus } from '../api/contract-types';

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
  rrule: 'RRULE',
  once: 'Once',
  interval: 'Interval',
};
export const scheduleKindOptions = Object.keys(scheduleKindLabels) as ScheduleKind[];

export const misfirePolicyLabels: Record<MisfirePolicy, string> = {
  run_once: 'Run once',
  skip: 'Skip',
  run_all: 'Run all',
};
export const misfirePolicyOptions = Object.keys(misfirePolicyLabels) as MisfirePolicy[];
