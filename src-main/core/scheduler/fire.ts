// Fires due tasks in short transactions: queue their runs, advance their next occurrences, record
// what was missed. A crash before a slice's commit leaves none of its tasks fired; after it, all.
import type { Clock } from '../lib/clock';
import type { Run } from '../model/types';
import type { FiredTask } from '../events/push-events';
import type { DueTask, TaskNext } from '../db/repos/scheduler-repo';
import type { OccurrenceEntry } from '../db/repos/occurrences-repo';
import type { NewEvent } from '../db/repos/events-repo';
import type { OccurrenceRun } from '../db/repos/runs-repo';
import type { OccurrenceCause } from '../model/occurrences';
import type { Store } from '../store';
import { isoAt } from '../lib/time-format';
import { labeller, planHolds, planTask, type TaskPlan } from './fire-plan';
import { queuedEvents, type QueuedRun } from './fire-events';

/** Tasks planned ahead of an instant at most; more due then are read and planned as they fire. */
export const FIRE_BATCH = 2000;
/**
 * Due tasks read at a time when nothing planned ahead can be taken as read: a page costs about a
 * millisecond with 10,000 tasks, where reading all 1,000 of a burst at once held the first slice
 * 4 ms before it fired anything. The next page is read once the slices have fired this one.
 */
export const DUE_PAGE = 256;
/**
 * A slice stops taking tasks once its work and the commit it will take add up to this long, so a
 * burst never holds the event loop (and every API call waiting on it) for more than about 10 ms;
 * the rest is fired in the next turn.
 */
export const SLICE_BUDGET_MS = 8;
/** However long the commits take, a slice works at least this long. */
const MIN_WORK_MS = SLICE_BUDGET_MS / 2;
/**
 * What committing a plan is taken to cost before any slice has measured it: the commit writes the
 * pages the plans changed, and one of 300 plans took 3-4 ms in the scale benchmark (10,000 tasks).
 */
export const FIRST_COMMIT_MS_PER_PLAN = 0.015;
/**
 * Only a commit of at least this many plans measures the cost per plan: a small one is mostly the
 * commit's own fixed cost, which would make the next burst's first slice needlessly short.
 */
const PLANS_TO_MEASURE_COMMIT = 64;
/** Plans written together: their runs, events and ledger entries go in a few statements. */
const PLANS_PER_WRITE = 64;
export interface TaskFiring {
  taskId: string;
  title: string;
  queued: number;
  caughtUp: number;
  missed: number;
}

/** Tasks found due and not fired yet, as read under the store's write mark `mark`. */
export interface Backlog {
  tasks: DueTask[];
  mark: string;
}

/**
 * What writing a plan and committing it took in the last slices: the next slice keeps its work and
 * its commit together within the budget, its first one too, whose commit holds the most plans.
 */
export interface FirePace {
  commitMsPerPlan: number;
  writeMsPerPlan: number;
}

export interface FireResult {
  tasks: TaskFiring[];
  queued: number;
  missed: number;
  caughtUp: number;
  /** True when more tasks may be due: fire again in the next turn, with the backlog. */
  more: boolean;
  backlog: Backlog;
  /** Measured when the slice wrote anything. */
  pace?: FirePace;
}

/** The fires of the tasks due at `instant`, planned ahead of it by planAhead. */
export interface PreparedFire {
  instant: number;
  plans: Map<string, TaskPlan>;
  /**
   * Set once every task due at the instant is planned, and none is due before it: the store's write
   * mark then, and the first due time after the instant.
   */
  complete?: { mark: string; dueAfter: number | null };
}

export interface FireDueInput {
  store: Store;
  clock: Clock;
  /** The wake's wall time: what is due by then is fired. */
  now: number;
  displayTimezone: string;
  /** The backlog an earlier slice of the same batch left. */
  backlog?: Backlog;
  /** The pace of the last slice that wrote. */
  pace?: FirePace;
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
  prepared?: PreparedFire;
}

interface SliceState {
  input: FireDueInput;
  result: FireResult;
  runs: Run[];
  fired: FiredTask[];
  /** Plans made in this slice or ahead of it, not written yet. */
  pending: TaskPlan[];
  /** The runs the slice queued, for its timeline events. */
  queued: QueuedRun[];
  /** Its tasks' missed occurrences, told after the runs. */
  missed: NewEvent[];
  /** What writing a plan took in the last write. */
  writeMsPerPlan: number;
}

/** A plan's missed occurrences that were not caught up, as the ledger gives them. */
function givenUp(plan: TaskPlan): OccurrenceEntry[] {
  if (plan.missed.length === 0) return [];
  const fired = new Set(plan.runs.map((r) => r.scheduledFor));
  const outcome = plan.cause === 'clock_moved_forward' ? 'clock_change' : 'missed';
  return plan.missed
    .filter((at) => !fired.has(at))
    .map((occurrenceAt) => ({ taskId: plan.task.id, occurrenceAt, outcome, cause: plan.cause }));
}

/**
 * Writes the pending plans, a chunk of rows per statement: their runs (an occurrence that already
 * has its run queues nothing), the ledger and each task's next occurrence. What goes on the
 * timeline is gathered for the slice's end (writeEvents).
 */
function writePending(slice: SliceState): void {
  const plans = slice.pending;
  if (plans.length === 0) return;
  slice.pending = [];
  const { store, clock } = slice.input;
  const began = clock.monotonicMs();
  const { result } = slice;
  // Read once the plans are made, inside the transaction that commits the runs: queued_at says
  // when the runs were really queued, not when the wake that found them due began.
  const queuedAt = clock.now();
  const toQueue: OccurrenceRun[] = [];
  for (const { task, runs } of plans) {
    for (const run of runs) {
      const { id, trigger, scheduledFor } = run;
      toQueue.push({ id, trigger, scheduledFor, taskId: task.id, priority: task.priority, params: task.params });
    }
  }
  const queued = new Set<string>();
  for (const run of store.runs.insertOccurrences(toQueue, queuedAt)) {
    queued.add(run.id);
    slice.runs.push(run);
  }
  const ledger: OccurrenceEntry[] = [];
  const nexts: TaskNext[] = [];
  const queuedIso = isoAt(queuedAt);
  // Tasks fired together mostly share their next occurrence: its text is made once.
  let next: { at: number | null; iso: string | null } = { at: null, iso: null };
  for (const plan of plans) {
    const { task } = plan;
    // An occurrence fired on time is read from its run; one caught up, or fired after a snooze
    // delayed it (its ledger row says so), is written down.
    const delayed = task.nextRunAt !== task.nextOccurrenceAt;
    let count = 0;
    for (const run of plan.runs) {
      if (!queued.has(run.id)) continue;
      count++;
      slice.queued.push({ task, run });
      const caughtUp = run.trigger === 'catch_up';
      if (!caughtUp && !delayed) continue;
      ledger.push({
        taskId: task.id,
        occurrenceAt: run.scheduledFor,
        outcome: caughtUp ? 'caught_up' : 'fired',
        cause: caughtUp ? plan.cause : null,
        runId: run.id,
      });
    }
    ledger.push(...givenUp(plan));
    if (plan.missed.length > 0) {
      slice.missed.push({
        type: 'schedule:missed',
        taskId: task.id,
        summary: `"${task.title}" missed ${plan.missed.length} run${plan.missed.length === 1 ? '' : 's'}; ${plan.caughtUp} caught up`,
        payload: { missed: plan.missed.map(isoAt), caughtUp: plan.caughtUp, policy: task.misfirePolicy },
      });
    }
    const firedAt = count > 0 ? queuedAt : null;
    nexts.push({ taskId: task.id, runAt: plan.next, occurrenceAt: plan.next, firedAt });
    if (plan.next !== next.at) next = { at: plan.next, iso: plan.next === null ? null : isoAt(plan.next) };
    slice.fired.push({
      id: task.id,
      nextRunAt: next.iso,
      lastFiredAt: firedAt === null ? (task.lastFiredAt === null ? null : isoAt(task.lastFiredAt)) : queuedIso,
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
  store.scheduler.setNextMany(nexts);
  store.occurrences.record(ledger, queuedAt);
  slice.writeMsPerPlan = (clock.monotonicMs() - began) / plans.length;
}

/** The slice's timeline events, written at its end (see queuedEvents). */
function writeEvents(slice: SliceState): void {
  const { queued, missed, input } = slice;
  if (queued.length === 0 && missed.length === 0) return;
  input.store.events.appendMany([...queuedEvents(queued, input.displayTimezone), ...missed], input.clock.now());
}

/** A fire that fired nothing. */
export const noFires = (): FireResult => ({
  tasks: [],
  queued: 0,
  missed: 0,
  caughtUp: 0,
  more: false,
  backlog: { tasks: [], mark: '' },
});

/**
 * The tasks planned ahead, in the order they were read, when they are exactly the tasks due by
 * `now`: planning read every task due at its instant, nothing was written since, and no task falls
 * due between the instant and now.
 */
function planned(input: FireDueInput, mark: string, now: number): DueTask[] | undefined {
  const complete = input.prepared?.complete;
  if (!complete || complete.mark !== mark || now < input.prepared!.instant) return undefined;
  if (complete.dueAfter !== null && complete.dueAfter <= now) return undefined;
  return [...input.prepared!.plans.values()].map((plan) => plan.task);
}

/**
 * One slice of the due tasks, in one transaction, published as one `schedule:fired` push after
 * it commits. `more` asks the caller to come back in the next turn of the event loop, passing the
 * `backlog` back: the due tasks are read and ordered once per batch, not once per slice.
 */
export function fireDue(input: FireDueInput): FireResult {
  const { store, clock, now } = input;
  const started = clock.monotonicMs();
  // The commit writes what the slice changed and holds the event loop too: the work leaves it room.
  const commitMsPerPlan = input.pace?.commitMsPerPlan ?? FIRST_COMMIT_MS_PER_PLAN;
  let worked = 0;
  let written = 0;
  let writeMsPerPlan = input.pace?.writeMsPerPlan ?? 0;
  const fired = store.write((tx) => {
    const result = noFires();
    // Read before the heartbeat writes: the tasks read under this mark are the ones still unchanged.
    const mark = store.scheduler.writeMark();
    if (input.beforeFiring && !input.beforeFiring()) return result;
    const slice: SliceState = {
      input,
      result,
      runs: [],
      fired: [],
      pending: [],
      queued: [],
      missed: [],
      writeMsPerPlan,
    };
    const context = {
      now,
      displayTimezone: input.displayTimezone,
      lateCause: input.lateCause ?? 'late',
      timeLabel: labeller(),
    };
    const carried = input.backlog?.tasks ?? [];
    // Due tasks already read, by an earlier slice or while planning, are taken as read when nothing
    // was written since; otherwise a carried task is read again (it may have changed, paused or
    // gone) and a planned burst is read whole.
    const queue = carried.length > 0 ? carried : (planned(input, mark, now) ?? store.scheduler.dueTasks(now, DUE_PAGE));
    const fresh = carried.length === 0 || input.backlog?.mark === mark;
    let next = 0;
    let reread = new Map<string, DueTask>();
    let rereadEnd = 0;
    while (next < queue.length) {
      const at = next++;
      let task: DueTask | undefined = queue[at]!;
      if (!fresh) {
        if (at >= rereadEnd) {
          rereadEnd = Math.min(queue.length, at + PLANS_PER_WRITE);
          reread = store.scheduler.stillDueMany(
            queue.slice(at, rereadEnd).map((t) => t.id),
            now,
          );
        }
        task = reread.get(task.id);
      }
      if (task) {
        const ahead = input.prepared?.plans.get(task.id);
        slice.pending.push(ahead && planHolds(ahead, task, context) ? ahead : planTask(context, task));
        if (slice.pending.length >= PLANS_PER_WRITE) writePending(slice);
      }
      // The plans not written yet are written before the commit, and every plan is committed:
      // their time counts now.
      const toWrite = slice.pending.length * slice.writeMsPerPlan;
      const toCommit = (slice.fired.length + slice.pending.length) * commitMsPerPlan;
      if (clock.monotonicMs() - started + toWrite >= Math.max(MIN_WORK_MS, SLICE_BUDGET_MS - toCommit)) break;
    }
    writePending(slice);
    writeEvents(slice);
    worked = clock.monotonicMs();
    written = slice.fired.length;
    writeMsPerPlan = slice.writeMsPerPlan;
    result.backlog = { tasks: queue.slice(next), mark: store.scheduler.writeMark() };
    // After a carried backlog, or a full page, more may be due than was read: look again. Tasks
    // planned ahead are all those due then (planAhead marks its plans complete only then).
    result.more = result.backlog.tasks.length > 0 || carried.length > 0 || queue.length === DUE_PAGE;
    if (slice.fired.length > 0) tx.publish('schedule:fired', { runs: slice.runs, tasks: slice.fired });
    return result;
  });
  if (written > 0) {
    fired.pace = {
      commitMsPerPlan: written >= PLANS_TO_MEASURE_COMMIT ? (clock.monotonicMs() - worked) / written : commitMsPerPlan,
      writeMsPerPlan,
    };
  }
  return fired;
}

/**
 * Plans ahead of its instant the tasks due exactly then, into `prepared`, for fireDue to write when
 * the instant comes: in slices of SLICE_BUDGET_MS like the fire itself. The returned function stops it.
 */
export function planAhead(input: {
  store: Store;
  clock: Clock;
  displayTimezone: string;
  prepared: PreparedFire;
  /** Runs the next slice in a later turn of the event loop. */
  defer: (slice: () => void) => void;
}): () => void {
  const { store, clock, prepared } = input;
  const { instant, plans } = prepared;
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
  // Complete plans are marked with the store's write mark from before the first page: any write
  // from then on (between two pages, or before the instant) keeps fireDue from taking them whole.
  const mark = store.scheduler.writeMark();
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
    if (!done) return input.defer(slice);
    if (read < FIRE_BATCH && store.scheduler.earliestNextRun() === instant)
      prepared.complete = { mark, dueAfter: store.scheduler.dueAfter(instant) };
  };
  slice();
  return () => {
    stopped = true;
  };
}
