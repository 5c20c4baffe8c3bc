// Which board column a task stands in, derived from its schedule and its runs, never set by hand.
// The one definition: tasks.list answers it per task and counts it over every task.
import type { RunStatus, ScheduleKind, TaskColumn } from './types';

/** What the board needs to know of a task and its runs to place it. */
export interface TaskRunFacts {
  scheduleKind: ScheduleKind;
  /** Whether a next run is scheduled. */
  hasNextRun: boolean;
  paused: boolean;
  /** Runs holding the worker now. */
  runningRuns: number;
  /** Runs awaiting approval or halted for the user. */
  attentionRuns: number;
  /** The oldest queued run of the task, if one waits. */
  queued: QueuedRunFacts | null;
  /** The status of the task's latest run that has ended, if any. */
  lastEndedStatus: RunStatus | null;
}

export interface QueuedRunFacts {
  /** The dependency gate's "not yet". */
  waitingReason: string | null;
  /** A dependency failed: the run waits for the user or a later success. */
  blockedReason: string | null;
  /** Epoch ms of a retry's next attempt. */
  nextAttemptAt: number | null;
}

export interface TaskPlacement {
  column: TaskColumn;
  /** Why a waiting task waits, in the card's words; null outside the waiting column. */
  waitingReason: string | null;
}

const recurring: ReadonlySet<ScheduleKind> = new Set(['cron', 'rrule', 'interval']);

function waitingReason(queued: QueuedRunFacts, now: number, paused: boolean): string {
  // The gate writes the blocked reason whole ("Blocked: ..."), naming each dependency in quotes.
  if (queued.blockedReason) return queued.blockedReason;
  if (queued.waitingReason) return queued.waitingReason;
  if (queued.nextAttemptAt !== null && queued.nextAttemptAt > now) return 'Retrying after a failed attempt';
  if (paused) return 'Queued while the task is paused';
  return 'Queued for a free slot under the concurrency limits';
}

/**
 * Order matters: a run the user must answer outranks one that is running, which outranks one that
 * waits; only an idle task is placed by its last outcome. A recurring task that succeeded goes back
 * to Scheduled, since it has more to do; only a one-off or manual task is ever Done.
 */
export function taskColumn(facts: TaskRunFacts, now: number): TaskPlacement {
  if (facts.attentionRuns > 0) return { column: 'attention', waitingReason: null };
  if (facts.runningRuns > 0) return { column: 'running', waitingReason: null };
  if (facts.queued) return { column: 'waiting', waitingReason: waitingReason(facts.queued, now, facts.paused) };
  switch (facts.lastEndedStatus) {
    case 'failed':
    case 'timed_out':
      return { column: 'failed', waitingReason: null };
    case 'succeeded':
      return {
        column: recurring.has(facts.scheduleKind) || facts.hasNextRun ? 'scheduled' : 'done',
        waitingReason: null,
      };
    default:
      return { column: 'scheduled', waitingReason: null };
  }
}
