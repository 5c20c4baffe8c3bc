// What firing one due task writes, decided without the database: its runs (ids, events' texts),
// the occurrences it gives up, and its next occurrence. Pure, so the scheduler can plan a burst
// before its instant and only write it when the instant comes.
import type { DueTask } from '../db/repos/scheduler-repo';
import type { OccurrenceCause } from '../model/occurrences';
import { newId } from '../lib/ids';
import { formatTime } from '../lib/time-format';
import { nextRuns, occurrencesBetween } from './next-run';
import { compileSchedule, scheduleSpec, type CompiledSchedule, type ScheduleSpec } from './schedule-spec';
import { planFiring } from './misfire';

/** Occurrences enumerated per task when catching up; more than this are counted, not listed. */
const MAX_ENUMERATED = 1000;
/** Windows searched backwards from now for the latest occurrences of a backlog too long to list. */
const LOOK_BACK_MS = [60_000, 3600_000, 24 * 3600_000, 31 * 24 * 3600_000];

/**
 * Every occurrence due by now, starting with the stored one. A backlog longer than MAX_ENUMERATED
 * keeps its first occurrences and its latest ones, so catch-up always sees the most recent.
 */
export function dueOccurrences(spec: ScheduleSpec | CompiledSchedule, first: number, now: number): number[] {
  const listed = [first, ...occurrencesBetween(spec, first, now, MAX_ENUMERATED)];
  if (listed.length <= MAX_ENUMERATED) return listed;
  const last = listed.at(-1)!;
  for (const back of LOOK_BACK_MS) {
    const tail = occurrencesBetween(spec, Math.max(last, now - back), now, MAX_ENUMERATED);
    if (tail.length > 0 && tail.length < MAX_ENUMERATED) return [...listed, ...tail];
  }
  return listed;
}

/**
 * The occurrences due by now from the stored one, and the next one after them. Most fires are on
 * time: the occurrence after the stored one is already in the future, and it is the next one, so
 * the schedule is walked once instead of twice.
 */
function occurrencesAndNext(
  schedule: CompiledSchedule,
  first: number,
  now: number,
): { occurrences: number[]; next: number | null } {
  const following = nextRuns(schedule, first, 1)[0] ?? null;
  if (following === null || following > now) return { occurrences: [first], next: following };
  const occurrences = dueOccurrences(schedule, first, now);
  return { occurrences, next: nextRuns(schedule, Math.max(now, occurrences.at(-1)!), 1)[0] ?? null };
}

export interface PlannedRun {
  id: string;
  trigger: 'schedule' | 'catch_up';
  scheduledFor: number;
  /** The run:queued event's summary. */
  summary: string;
}

export interface TaskPlan {
  /** The task as read when planned: the plan holds only while the task reads the same. */
  task: DueTask;
  /** The wall time the plan fired everything due by. */
  now: number;
  /** The zone a schedule without its own is read in, when planned. */
  displayTimezone: string;
  runs: PlannedRun[];
  /** Occurrences given up or caught up late, in order. */
  missed: number[];
  caughtUp: number;
  next: number | null;
  cause: OccurrenceCause;
}

export interface PlanContext {
  now: number;
  displayTimezone: string;
  /** Why occurrences fired late were late: the gap the scheduler noticed, or 'late'. */
  lateCause: OccurrenceCause;
  timeLabel: (instant: number, timeZone: string) => string;
}

/** Formats each due instant once: tasks due together share their due time. */
export function labeller(): (instant: number, timeZone: string) => string {
  const labels = new Map<string, string>();
  return (instant, timeZone) => {
    const key = `${instant}|${timeZone}`;
    let label = labels.get(key);
    if (label === undefined) {
      label = formatTime(instant, timeZone);
      labels.set(key, label);
    }
    return label;
  };
}

export function planTask(context: PlanContext, task: DueTask): TaskPlan {
  const { now } = context;
  const spec = scheduleSpec(
    { kind: task.scheduleKind, expr: task.scheduleExpr, timezone: task.scheduleTimezone },
    context.displayTimezone,
    task.createdAt,
  );
  const { occurrences, next } = occurrencesAndNext(compileSchedule(spec), task.nextOccurrenceAt, now);
  const plan = planFiring({
    due: occurrences,
    firstDueAt: task.nextRunAt,
    policy: task.misfirePolicy,
    graceMs: task.misfireGraceMs,
    now,
  });
  const runs = plan.fire.map((decision): PlannedRun => {
    const when = context.timeLabel(decision.scheduledFor, spec.timezone);
    return {
      id: newId(),
      trigger: decision.trigger,
      scheduledFor: decision.scheduledFor,
      summary:
        decision.trigger === 'catch_up'
          ? `Caught up "${task.title}" (missed ${when})`
          : `Queued "${task.title}" for ${when}`,
    };
  });
  return {
    task,
    now,
    displayTimezone: context.displayTimezone,
    runs,
    missed: plan.missed,
    caughtUp: runs.filter((r) => r.trigger === 'catch_up').length,
    next,
    cause: context.lateCause,
  };
}

const DUE_FIELDS: ReadonlyArray<keyof DueTask> = [
  'id',
  'title',
  'priority',
  'scheduleKind',
  'scheduleExpr',
  'scheduleTimezone',
  'misfirePolicy',
  'misfireGraceMs',
  'nextRunAt',
  'nextOccurrenceAt',
  'lastFiredAt',
  'params',
  'createdAt',
];

/** How long after its instant a plan made ahead of it may still be written as it is. */
export const PLAN_HOLDS_MS = 1000;

/**
 * Whether a plan made ahead of its instant still says what firing `task` at `now` would: the task
 * reads the same, the wake has reached the instant by less than PLAN_HOLDS_MS (far within the
 * on-time tolerance, so nothing it fires has become late), no later occurrence has come due, and
 * the display zone a schedule without its own is read in has not changed.
 */
export function planHolds(plan: TaskPlan, task: DueTask, context: { now: number; displayTimezone: string }): boolean {
  const { now } = context;
  if (now < plan.now || now - plan.now > PLAN_HOLDS_MS || plan.missed.length > 0) return false;
  if (plan.displayTimezone !== context.displayTimezone) return false;
  if (plan.next !== null && plan.next <= now) return false;
  // Tasks taken as read are the plans' own: nothing to compare.
  return plan.task === task || DUE_FIELDS.every((field) => plan.task[field] === task[field]);
}
