// The pure part of schedules.validate and schedules.preview: a schedule's description and its next
// occurrences as UTC instants and local times, with DST changes marked for the task form.
import { describeSchedule } from './describe';
import { toLocalIso, toUtcIso, zoneOffsetAt } from '../lib/local-time';
import { nextRuns } from './next-run';
import { compileSchedule, type ScheduleSpec } from './schedule-spec';

export { validateSchedule, type ScheduleIssue, type ScheduleValidation } from './schedule-spec';

export const MAX_PREVIEW_COUNT = 100;

export interface PreviewOccurrence {
  /** UTC ISO-8601 instant. */
  at: string;
  /** ISO-8601 date-time with offset in the schedule's zone: "2026-11-01T01:30:00-06:00". */
  local: string;
  /** The zone's offset differs from the previous occurrence's (or, for the first, from `from`'s). */
  dstChange?: 'starts' | 'ends';
}

export interface SchedulePreview {
  description: string;
  occurrences: PreviewOccurrence[];
}

/**
 * Description and the next `count` occurrences (at most 100) after `from`. An interval with no
 * start of its own is previewed as if created at `from`. Throws a validation_failed AppError for
 * an invalid schedule.
 */
export function previewSchedule(spec: ScheduleSpec, from: number, count: number): SchedulePreview {
  const effective = spec.kind === 'interval' && spec.anchor === undefined ? { ...spec, anchor: from } : spec;
  const { timezone } = compileSchedule(effective);
  const n = Math.min(Math.max(0, Math.floor(count)), MAX_PREVIEW_COUNT);
  let previousOffset = zoneOffsetAt(from, timezone);
  const occurrences = nextRuns(effective, from, n).map((instant): PreviewOccurrence => {
    const offset = zoneOffsetAt(instant, timezone);
    const occurrence: PreviewOccurrence = { at: toUtcIso(instant), local: toLocalIso(instant, timezone) };
    if (offset !== previousOffset) occurrence.dstChange = offset > previousOffset ? 'starts' : 'ends';
    previousOffset = offset;
    return occurrence;
  });
  return { description: describeSchedule(effective), occurrences };
}
