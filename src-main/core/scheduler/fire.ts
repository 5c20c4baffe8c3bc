// Fires due tasks in short transactions: queue their runs, advance their next occurrences, record
// what was missed. A crash before a slice's commit leaves none of its tasks fired; after it, all.
import type { Clock } from '../lib/clock';
import type { Run } from '../model/types';
import type { FiredTask } from '../events/push-events';
import type { DueTask } from '../db/repos/scheduler-repo';
import type { OccurrenceEntry } from '../db/repos/occurrences-repo';
import type { OccurrenceCause } from '../model/occurrences';
import type { Store, TxContext } from '../store';
import { newId } from '../lib/ids';
import { formatTime, isoAt } from '../lib/time-format';
import { nextRuns, occurrencesBetween } from './next-run';
import { compileSchedule, scheduleSpec, type CompiledSchedule, type ScheduleSpec } from './schedule-spec';
import { planFiring } from './misfire';

/** Tasks handled per transaction at most; a larger backlog is worked off in consecutive slices. */
export const FIRE_BATCH = 2000;
/**
 * A slice stops taking tasks once it has worked this long, so a burst never holds the event loop
 * (and every API call waiting on it) for more than about 10 ms; the rest is fired in the next turn.
 */
export const SLICE_BUDGET_MS = 8;
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
  /** True when more tasks may be due: fire again in the next turn, with the backlog. */
  more: boolean;
  /** Ids of tasks found due and not fired yet by this slice. */
  backlog: string[];
}

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

export interface FireDueInput {
  store: Store;
  clock: Clock;
  /** The wake's wall time: what is due by then is fired. */
  now: number;
  displayTimezone: string;
  /** The backlog an earlier slice of the same batch left. */
  backlog?: string[];
  /**
   * What the ledger gives as the reason for occurrences that missed their time: the gap the
   * scheduler just noticed, or 'late' when it noticed none.
   */
  lateCause?: OccurrenceCause;
  /**
   * Written first in the slice's transaction (the scheduler's heartbeat); answering false stops the
   * slice before it fires anything, and the transaction commits what it wrote.
   */
  beforeFiring?: () => boolean;
}

/** Formats each due instant once per slice: tasks due together share their due time. */
function labeller(): (instant: number, timeZone: string) => string {
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

interface SliceState {
  tx: TxContext;
  result: FireResult;
  runs: Run[];
  fired: FiredTask[];
  /** Every occurrence's outcome, written to the ledger in the slice's transaction. */
  ledger: OccurrenceEntry[];
  timeLabel: (instant: number, timeZone: string) => string;
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

function fireTask(input: FireDueInput, slice: SliceState, task: DueTask): void {
  const { store, clock, now } = input;
  const { tx, result } = slice;
  const lateCause = input.lateCause ?? 'late';
  const spec = scheduleSpec(
    { kind: task.scheduleKind, expr: task.scheduleExpr, timezone: task.scheduleTimezone },
    input.displayTimezone,
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
  // Read after the schedule math, inside the transaction that commits the run: queued_at says
  // when the run was really queued, not when the wake that found it due began.
  const queuedAt = clock.now();
  let queued = 0;
  for (const decision of plan.fire) {
    const run = store.runs.insertOccurrence(
      {
        id: newId(),
        taskId: task.id,
        trigger: decision.trigger,
        scheduledFor: decision.scheduledFor,
        priority: task.priority,
        params: task.params,
      },
      queuedAt,
    );
    if (!run) continue;
    queued++;
    const isCatchUp = decision.trigger === 'catch_up';
    slice.ledger.push({
      taskId: task.id,
      occurrenceAt: decision.scheduledFor,
      outcome: isCatchUp ? 'caught_up' : 'fired',
      cause: isCatchUp ? lateCause : null,
      runId: run.id,
    });
    const when = slice.timeLabel(decision.scheduledFor, spec.timezone);
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
    slice.runs.push(store.runs.toApi(run));
  }
  const caughtUp = plan.fire.filter((f) => f.trigger === 'catch_up').length;
  const firedOccurrences = new Set(plan.fire.map((f) => f.scheduledFor));
  for (const occurrenceAt of plan.missed) {
    if (firedOccurrences.has(occurrenceAt)) continue;
    const outcome = lateCause === 'clock_moved_forward' ? 'clock_change' : 'missed';
    slice.ledger.push({ taskId: task.id, occurrenceAt, outcome, cause: lateCause });
  }
  if (plan.missed.length > 0) {
    tx.record({
      type: 'schedule:missed',
      taskId: task.id,
      summary: `"${task.title}" missed ${plan.missed.length} run${plan.missed.length === 1 ? '' : 's'}; ${caughtUp} caught up`,
      payload: { missed: plan.missed.map(isoAt), caughtUp, policy: task.misfirePolicy },
    });
  }
  const firedAt = queued > 0 ? queuedAt : null;
  store.scheduler.setNext(task.id, { runAt: next, occurrenceAt: next }, firedAt);
  slice.fired.push({
    id: task.id,
    nextRunAt: next === null ? null : isoAt(next),
    lastFiredAt: firedAt === null ? (task.lastFiredAt === null ? null : isoAt(task.lastFiredAt)) : isoAt(firedAt),
  });
  result.tasks.push({ taskId: task.id, title: task.title, queued, caughtUp, missed: plan.missed.length });
  result.queued += queued;
  result.missed += plan.missed.length;
  result.caughtUp += caughtUp;
}

/**
 * One slice of the due tasks, in one transaction, published as one `schedule:fired` push after
 * it commits. `more` asks the caller to come back in the next turn of the event loop, passing the
 * `backlog` back: the due tasks are read and ordered once per batch, not once per slice.
 */
export function fireDue(input: FireDueInput): FireResult {
  const { store, clock, now } = input;
  const started = clock.monotonicMs();
  return store.write((tx) => {
    const result: FireResult = { tasks: [], queued: 0, missed: 0, caughtUp: 0, more: false, backlog: [] };
    if (input.beforeFiring && !input.beforeFiring()) return result;
    const slice: SliceState = { tx, result, runs: [], fired: [], ledger: [], timeLabel: labeller() };
    const carried = input.backlog ?? [];
    const queue: Array<DueTask | string> = carried.length > 0 ? carried : store.scheduler.dueTasks(now, FIRE_BATCH);
    let next = 0;
    while (next < queue.length) {
      const item = queue[next++]!;
      // A task carried from an earlier slice is read again: it may have changed, paused or gone since.
      const task = typeof item === 'string' ? store.scheduler.stillDue(item, now) : item;
      if (task) fireTask(input, slice, task);
      if (clock.monotonicMs() - started >= SLICE_BUDGET_MS) break;
    }
    store.occurrences.record(slice.ledger, now);
    result.backlog = queue.slice(next).map((t) => (typeof t === 'string' ? t : t.id));
    // After a carried backlog, or a full batch, more may be due than was read: look again.
    result.more = result.backlog.length > 0 || carried.length > 0 || queue.length === FIRE_BATCH;
    if (slice.fired.length > 0) tx.publish('schedule:fired', { runs: slice.runs, tasks: slice.fired });
    return result;
  });
}
