// What a fire slice tells the timeline of the runs it queued, decided without the database: each
// run by name when there are a few, one schedule:fired event when there are many.
import type { DueTask } from '../db/repos/scheduler-repo';
import type { NewEvent } from '../db/repos/events-repo';
import { formatRange, formatTime, isoAt } from '../lib/time-format';
import type { PlannedRun } from './fire-plan';

/**
 * The timeline names each run a slice queued, up to this many; a slice that queued more (a burst)
 * is told in one schedule:fired event, which names a few of them and counts the rest.
 */
export const NAMED_QUEUED_RUNS = 5;
/** The titles a schedule:fired event names. */
const TITLES_NAMED = 3;
/** Counts with thousands separators; made once, where toLocaleString builds a formatter per call. */
const countFormat = new Intl.NumberFormat('en-US');
const count = (n: number): string => countFormat.format(n);

/** A run a slice queued, with its task as the slice read it. */
export interface QueuedRun {
  task: DueTask;
  run: PlannedRun;
}

/**
 * One event for many runs: "Queued 1,000 scheduled runs for 8:30 AM MST: "Backup", "Digest",
 * "Sync" and 997 more", or for one task catching up, "Queued 12 runs of "Backup" due from 11:00 PM to
 * 10:00 AM MST (12 caught up)".
 */
function firedEvent(queued: readonly QueuedRun[], timeZone: string): NewEvent {
  let first = Infinity;
  let last = -Infinity;
  let caughtUp = 0;
  // Only the tasks the summary names are kept whole; the others are counted.
  const tasks = new Set<string>();
  const named: Array<{ taskId: string; runId: string; title: string }> = [];
  for (const { task, run } of queued) {
    first = Math.min(first, run.scheduledFor);
    last = Math.max(last, run.scheduledFor);
    if (run.trigger === 'catch_up') caughtUp++;
    if (tasks.has(task.id)) continue;
    tasks.add(task.id);
    if (named.length < TITLES_NAMED) named.push({ taskId: task.id, runId: run.id, title: task.title });
  }
  const when = first === last ? `for ${formatTime(first, timeZone)}` : `due ${formatRange(first, last, timeZone)}`;
  const caught = caughtUp > 0 ? ` (${count(caughtUp)} caught up)` : '';
  const only = tasks.size === 1 ? named[0]! : undefined;
  const of = queued.length === tasks.size ? '' : ` of ${count(tasks.size)} tasks`;
  const titles = named.map((n) => `"${n.title}"`).join(', ');
  const more = tasks.size > named.length ? ` and ${count(tasks.size - named.length)} more` : '';
  const summary = only
    ? `Queued ${count(queued.length)} runs of "${only.title}" ${when}${caught}`
    : `Queued ${count(queued.length)} scheduled runs${of} ${when}${caught}: ${titles}${more}`;
  return {
    type: 'schedule:fired',
    ...(only ? { taskId: only.taskId } : {}),
    summary,
    payload: { runs: queued.length, tasks: tasks.size, caughtUp, from: isoAt(first), to: isoAt(last), named },
  };
}

/** The timeline events for the runs a slice queued: one per run, or one for a burst. */
export function queuedEvents(queued: readonly QueuedRun[], timeZone: string): NewEvent[] {
  if (queued.length > NAMED_QUEUED_RUNS) return [firedEvent(queued, timeZone)];
  return queued.map(({ task, run }) => ({
    type: 'run:queued',
    taskId: task.id,
    runId: run.id,
    summary: run.summary,
    payload: { trigger: run.trigger, scheduledFor: isoAt(run.scheduledFor) },
  }));
}
