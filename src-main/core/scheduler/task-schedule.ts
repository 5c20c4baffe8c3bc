// A task's schedule as the scheduler sees it: validated on write, and its next occurrence computed
// from now. Occurrences that pass while a task is paused are skipped, not caught up.
import { AppError } from '../lib/errors';
import type { ScheduleKind } from '../model/types';
import { nextRuns } from './next-run';
import { scheduleSpec, validateSchedule, type ScheduleSpec } from './schedule-spec';

export interface StoredSchedule {
  schedule_kind: string;
  schedule_expr: string | null;
  schedule_timezone: string | null;
}

export function specFromColumns(c: StoredSchedule, displayTimezone: string, anchor: number): ScheduleSpec {
  return scheduleSpec(
    { kind: c.schedule_kind as ScheduleKind, expr: c.schedule_expr, timezone: c.schedule_timezone },
    displayTimezone,
    anchor,
  );
}

/** Throws a validation error whose paths start at `schedule.` when the expression is wrong. */
export function assertValidSchedule(spec: ScheduleSpec, now: number): void {
  const check = validateSchedule(spec);
  if (!check.ok) {
    const issues = check.issues.map((i) => ({ path: `schedule.${i.path}`, message: i.message }));
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  if (spec.kind === 'once' && nextRuns(spec, now, 1).length === 0) {
    const issues = [{ path: 'schedule.expr', message: `${spec.expr ?? ''} is in the past` }];
    throw new AppError('validation_failed', `schedule.expr: ${issues[0]!.message}`, { issues });
  }
}

export function nextOccurrence(spec: ScheduleSpec, now: number): number | null {
  return spec.kind === 'manual' ? null : (nextRuns(spec, now, 1)[0] ?? null);
}
