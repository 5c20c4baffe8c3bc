// Fires every due task in one transaction: queue its runs, advance its next occurrence, record
// what was missed. A crash before the commit leaves nothing fired; after it, everything is.
import type { Store } from '../store';
import { newId } from '../lib/ids';
import { formatTime, isoAt } from '../lib/time-format';
import { nextRuns, occurrencesBetween } from './next-run';
import { scheduleSpec, type ScheduleSpec } from './schedule-spec';
import { planFiring } from './misfire';
import type { OccurrenceEntry } from '../db/repos/occurrences-repo';
import type { OccurrenceCause } from '../model/occurrences';

/** Tasks handled per transaction; a larger backlog is worked off in consecutive batches. */
export const FIRE_BATCH = 2000;
/** Occurrences enumerated per task when catching up; more than this are counted, not listed. */
const MAX_ENUMERATED = 1000;

export interface TaskFiring {
  taskId: string;
  title: string;
  queued: number;
  caughtUp: number;
  missed: number;
}

export interface FireResult {
  tasks: TaskFiring[];
  queued: number;
  missed: number;
  caughtUp: number;
  /** True when the batch was full and more tasks may be due. */
  more: boolean;
}

/** Windows searched backwards from now for the latest occurrences of a backlog too long to list. */
const LOOK_BACK_MS = [60_000, 3600_000, 24 * 3600_000, 31 * 24 * 3600_000];

/**
 * Every occurrence due by now, starting with the stored one. A backlog longer than MAX_ENUMERATED
 * keeps its first occurrences and its latest ones, so catch-up always sees the most recent.
 */
export function dueOccurrences(spec: ScheduleSpec, first: number, now: number): number[] {
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
 * `lateCause` is what the ledger gives as the reason for occurrences that missed their time: the
 * gap the scheduler just noticed, or 'late' when it noticed none.
 */
export function fireDue(
  store: Store,
  now: number,
  displayTimezone: string,
  lateCause: OccurrenceCause = 'late',
): FireResult {
  // Tasks due together share their due time: format each instant once per batch.
  const labels = new Map<string, string>();
  const timeLabel = (instant: number, timeZone: string): string => {
    const key = `${instant}|${timeZone}`;
    let label = labels.get(key);
    if (label === undefined) {
      label = formatTime(instant, timeZone);
      labels.set(key, label);
    }
    return label;
  };
  return store.write((tx) => {
    const due = store.scheduler.dueTasks(now, FIRE_BATCH);
    const result: FireResult = { tasks: [], queued: 0, missed: 0, caughtUp: 0, more: due.length === FIRE_BATCH };
    const ledger: OccurrenceEntry[] = [];
    for (const task of due) {
      const spec = scheduleSpec(
        { kind: task.scheduleKind, expr: task.scheduleExpr, timezone: task.scheduleTimezone },
        displayTimezone,
        task.createdAt,
      );
      const occurrences = dueOccurrences(spec, task.nextOccurrenceAt, now);
      const plan = planFiring({
        due: occurrences,
        firstDueAt: task.nextRunAt,
        policy: task.misfirePolicy,
        graceMs: task.misfireGraceMs,
        now,
      });
      let queued = 0;
      for (const decision of plan.fire) {
        const run = store.runs.insertOccurrence(
          {
            id: newId(),
            taskId: task.id,
            trigger: decision.trigger,
            scheduledFor: decision.scheduledFor,
            priority: task.priority,
          },
          now,
        );
        if (!run) continue;
        queued++;
        const isCatchUp = decision.trigger === 'catch_up';
        ledger.push({
          taskId: task.id,
          occurrenceAt: decision.scheduledFor,
          outcome: isCatchUp ? 'caught_up' : 'fired',
          cause: isCatchUp ? lateCause : null,
          runId: run.id,
        });
        const when = timeLabel(decision.scheduledFor, spec.timezone);
        tx.record({
          type: 'run:queued',
          taskId: task.id,
          runId: run.id,
          summary:
            decision.trigger === 'catch_up'
              ? `Caught up "${task.title}" (missed ${when})`
              : `Queued "${task.title}" for ${when}`,
          payload: { trigger: decision.trigger, scheduledFor: isoAt(decision.scheduledFor) },
        });
        tx.publish('run:queued', { run: store.runs.toApi(run) });
      }
      const caughtUp = plan.fire.filter((f) => f.trigger === 'catch_up').length;
      const fired = new Set(plan.fire.map((f) => f.scheduledFor));
      for (const occurrenceAt of plan.missed) {
        if (fired.has(occurrenceAt)) continue;
        const outcome = lateCause === 'clock_moved_forward' ? 'clock_change' : 'missed';
        ledger.push({ taskId: task.id, occurrenceAt, outcome, cause: lateCause });
      }
      if (plan.missed.length > 0) {
        tx.record({
          type: 'schedule:missed',
          taskId: task.id,
          summary: `"${task.title}" missed ${plan.missed.length} run${plan.missed.length === 1 ? '' : 's'}; ${caughtUp} caught up`,
          payload: { missed: plan.missed.map(isoAt), caughtUp, policy: task.misfirePolicy },
        });
      }
      const next = nextRuns(spec, Math.max(now, occurrences.at(-1)!), 1)[0] ?? null;
      store.scheduler.setNext(task.id, { runAt: next, occurrenceAt: next }, queued > 0 ? now : null);
      tx.publish('task:updated', { task: store.tasks.get(task.id)! });
      result.tasks.push({ taskId: task.id, title: task.title, queued, caughtUp, missed: plan.missed.length });
      result.queued += queued;
      result.missed += plan.missed.length;
      result.caughtUp += caughtUp;
    }
    store.occurrences.record(ledger, now);
    return result;
  });
}
