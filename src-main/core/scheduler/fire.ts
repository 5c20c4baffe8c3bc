// Fires due tasks in short transactions: queue their runs, advance their next occurrences, record
// what was missed. A crash before a slice's commit leaves none of its tasks fired; after it, all.
import type { Clock } from '../lib/clock';
import type { Run } from '../model/types';
import type { FiredTask } from '../events/push-events';
import type { DueTask } from '../db/repos/scheduler-repo';
import type { OccurrenceEntry } from '../db/repos/occurrences-repo';
import type { NewEvent } from '../db/repos/events-repo';
import type { OccurrenceRun } from '../db/repos/runs-repo';
import type { OccurrenceCause } from '../model/occurrences';
import type { Store } from '../store';
import { isoAt } from '../lib/time-format';
import { labeller, planHolds, planTask, queuedPayload, type TaskPlan } from './fire-plan';

/** Tasks handled per transaction at most; a larger backlog is worked off in consecutive slices. */
export const FIRE_BATCH = 2000;
/**
 * A slice stops taking tasks once it has worked this long, so a burst never holds the event loop
 * (and every API call waiting on it) for more than about 10 ms; the rest is fired in the next turn.
 */
export const SLICE_BUDGET_MS = 8;
/** Plans written together: their runs, events and ledger entries go in a few statements. */
const PLANS_PER_WRITE = 64;

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
  /** Plans made ahead of the instant (planAhead): each is written as it is while it holds. */
  prepared?: ReadonlyMap<string, TaskPlan>;
}

interface SliceState {
  input: FireDueInput;
  result: FireResult;
  runs: Run[];
  fired: FiredTask[];
  /** Plans made in this slice or ahead of it, not written yet. */
  pending: TaskPlan[];
}

/** A plan's missed occurrences that were not caught up, as the ledger gives them. */
function givenUp(plan: TaskPlan): OccurrenceEntry[] {
  const fired = new Set(plan.runs.map((r) => r.scheduledFor));
  const outcome = plan.cause === 'clock_moved_forward' ? 'clock_change' : 'missed';
  return plan.missed
    .filter((at) => !fired.has(at))
    .map((occurrenceAt) => ({ taskId: plan.task.id, occurrenceAt, outcome, cause: plan.cause }));
}

/**
 * Writes the pending plans, a chunk of rows per statement: their runs (an occurrence that already
 * has its run queues nothing), the ledger, the timeline and each task's next occurrence.
 */
function writePending(slice: SliceState): void {
  const plans = slice.pending;
  if (plans.length === 0) return;
  slice.pending = [];
  const { store, clock } = slice.input;
  const { result } = slice;
  // Read once the plans are made, inside the transaction that commits the runs: queued_at says
  // when the runs were really queued, not when the wake that found them due began.
  const queuedAt = clock.now();
  const toQueue: OccurrenceRun[] = [];
  for (const { task, runs } of plans) {
    for (const run of runs) toQueue.push({ ...run, taskId: task.id, priority: task.priority, params: task.params });
  }
  const queued = new Set<string>();
  for (const run of store.runs.insertOccurrences(toQueue, queuedAt)) {
    queued.add(run.id);
    slice.runs.push(run);
  }
  const ledger: OccurrenceEntry[] = [];
  const events: NewEvent[] = [];
  for (const plan of plans) {
    const { task } = plan;
    let count = 0;
    for (const run of plan.runs) {
      if (!queued.has(run.id)) continue;
      count++;
      const isCatchUp = run.trigger === 'catch_up';
      ledger.push({
        taskId: task.id,
        occurrenceAt: run.scheduledFor,
        outcome: isCatchUp ? 'caught_up' : 'fired',
        cause: isCatchUp ? plan.cause : null,
        runId: run.id,
      });
      events.push({
        type: 'run:queued',
        taskId: task.id,
        runId: run.id,
        summary: run.summary,
        payload: queuedPayload(run),
      });
    }
    ledger.push(...givenUp(plan));
    if (plan.missed.length > 0) {
      events.push({
        type: 'schedule:missed',
        taskId: task.id,
        summary: `"${task.title}" missed ${plan.missed.length} run${plan.missed.length === 1 ? '' : 's'}; ${plan.caughtUp} caught up`,
        payload: { missed: plan.missed.map(isoAt), caughtUp: plan.caughtUp, policy: task.misfirePolicy },
      });
    }
    const firedAt = count > 0 ? queuedAt : null;
    store.scheduler.setNext(task.id, { runAt: plan.next, occurrenceAt: plan.next }, firedAt);
    slice.fired.push({
      id: task.id,
      nextRunAt: plan.next === null ? null : isoAt(plan.next),
      lastFiredAt: firedAt === null ? (task.lastFiredAt === null ? null : isoAt(task.lastFiredAt)) : isoAt(firedAt),
    });
    result.tasks.push({
      taskId: task.id,
      title: task.title,
      queued: count,
      caughtUp: plan.caughtUp,
      missed: plan.missed.length,
    });
    result.queued += count;
    result.missed += plan.missed.length;
    result.caughtUp += plan.caughtUp;
  }
  store.events.appendMany(events, queuedAt);
  store.occurrences.record(ledger, queuedAt);
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
    const slice: SliceState = { input, result, runs: [], fired: [], pending: [] };
    const context = {
      now,
      displayTimezone: input.displayTimezone,
      lateCause: input.lateCause ?? 'late',
      timeLabel: labeller(),
    };
    const carried = input.backlog ?? [];
    const queue: Array<DueTask | string> = carried.length > 0 ? carried : store.scheduler.dueTasks(now, FIRE_BATCH);
    let next = 0;
    // Tasks carried from an earlier slice are read again, a chunk at a time: they may have changed,
    // paused or gone since.
    let reread = new Map<string, DueTask>();
    let rereadEnd = 0;
    while (next < queue.length) {
      const at = next++;
      const item = queue[at]!;
      if (typeof item === 'string' && at >= rereadEnd) {
        rereadEnd = Math.min(queue.length, at + PLANS_PER_WRITE);
        reread = store.scheduler.stillDueMany(queue.slice(at, rereadEnd) as string[], now);
      }
      const task = typeof item === 'string' ? reread.get(item) : item;
      if (task) {
        const ahead = input.prepared?.get(task.id);
        slice.pending.push(ahead && planHolds(ahead, task, context) ? ahead : planTask(context, task));
        if (slice.pending.length >= PLANS_PER_WRITE) writePending(slice);
      }
      if (clock.monotonicMs() - started >= SLICE_BUDGET_MS) break;
    }
    writePending(slice);
    result.backlog = queue.slice(next).map((t) => (typeof t === 'string' ? t : t.id));
    // After a carried backlog, or a full batch, more may be due than was read: look again.
    result.more = result.backlog.length > 0 || carried.length > 0 || queue.length === FIRE_BATCH;
    if (slice.fired.length > 0) tx.publish('schedule:fired', { runs: slice.runs, tasks: slice.fired });
    return result;
  });
}

/**
 * Plans ahead of `instant` the tasks due exactly then, into `plans`, for fireDue to write when the
 * instant comes: in slices of SLICE_BUDGET_MS like the fire itself. The returned function stops it.
 */
export function planAhead(input: {
  store: Store;
  clock: Clock;
  instant: number;
  displayTimezone: string;
  plans: Map<string, TaskPlan>;
  /** Runs the next slice in a later turn of the event loop. */
  defer: (slice: () => void) => void;
}): () => void {
  const { store, clock, instant, plans } = input;
  const context = {
    now: instant,
    displayTimezone: input.displayTimezone,
    lateCause: 'late' as const,
    timeLabel: labeller(),
  };
  let page: DueTask[] = [];
  let read = 0;
  let done = false;
  let stopped = false;
  const slice = (): void => {
    if (stopped) return;
    const started = clock.monotonicMs();
    // Read a page at a time, inside the budget: 2,000 due tasks take some milliseconds to read.
    while (!done && clock.monotonicMs() - started < SLICE_BUDGET_MS) {
      if (page.length === 0) {
        page = read < FIRE_BATCH ? store.scheduler.dueAt(instant, { limit: PLANS_PER_WRITE, offset: read }) : [];
        read += page.length;
        done = page.length === 0;
        continue;
      }
      const task = page.shift()!;
      plans.set(task.id, planTask(context, task));
    }
    if (!done) input.defer(slice);
  };
  slice();
  return () => {
    stopped = true;
  };
}
