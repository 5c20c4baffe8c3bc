// A task's schedule as the scheduler sees it: validated on write, and its next occurrence computed
// from now. Occurrences that pass while a task is paused are skipped, not caught up.
import { AppError } from '../lib/errors';
import type { ScheduleKind } from '../model/types';
import { nextRuns } from './next-run';
import { scheduleSpec, validateSchedule, type ScheduleSpec } from './schedule-spec';

export interface StoredSchedule {
  scheduleKind: string;
  scheduleExpr: string | null;
  scheduleTimezone: string | null;
}

export function specFromColumns(c: StoredSchedule, displayTimezone: string, anchor: number): ScheduleSpec {
  return scheduleSpec(
    { kind: c.scheduleKind as ScheduleKind, expr: c.scheduleExpr, timezone: c.scheduleTimezone },
    displayTimezone,
    anchor,
  );
}

export interface TaskScheduleIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with a schedule given to a task at `now`, with paths starting at `schedule.`. A
 * once-schedule in the past would never fire, so both schedules.validate and tasks.create refuse it.
 */
export function taskScheduleIssues(spec: ScheduleSpec, now: number): TaskScheduleIssue[] {
  const check = validateSchedule(spec);
  if (!check.ok) return check.issues.map((i) => ({ path: `schedule.${i.path}`, message: i.message }));
  if (spec.kind === 'once' && nextRuns(spec, now, 1).length === 0) {
    return [
      {
        path: 'schedule.expr',
        message: `${spec.expr?.trim() ?? ''} is in the past; a once schedule needs a future time`,
      },
    ];
  }
  return [];
}

/** Throws a validation error whose paths start at `schedule.` when the schedule is wrong. */
export function assertValidSchedule(spec: ScheduleSpec, now: number): void {
  const issues = taskScheduleIssues(spec, now);
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
}

export function nextOccurrence(spec: ScheduleSpec, now: number): number | null {
  return spec.kind === 'manual' ? null : (nextRuns(spec, now, 1)[0] ?? null);
}
