// Reads the scheduler needs after the wall clock was set back: the latest time it recorded, the
// tasks whose next run now lies too far ahead, and which of their occurrences already fired.
import type { Database } from 'better-sqlite3';
import type { DueTask } from './scheduler-repo';

export function createClockChangeRepo(db: Database) {
  const latestSeenStmt = db.prepare(
    // The heartbeat, written on every wake, is the latest; fire times stand in before the first one.
    // Not their maximum: after a live set-back, fire times from before it stay ahead of the clock.
    `SELECT coalesce((SELECT heartbeat_at FROM scheduler_state WHERE id = 1), (SELECT max(last_fired_at) FROM tasks))`,
  );
  const aheadStmt = db.prepare<[number], DueTask>(
    `SELECT id, title, priority, schedule_kind AS scheduleKind, schedule_expr AS scheduleExpr,
            schedule_timezone AS scheduleTimezone, misfire_policy AS misfirePolicy, misfire_grace_ms AS misfireGraceMs,
            next_run_at AS nextRunAt, coalesce(next_occurrence_at, next_run_at) AS nextOccurrenceAt, created_at AS createdAt
     FROM tasks WHERE paused = 0 AND next_run_at IS NOT NULL AND next_run_at > ?`,
  );
  const firedStmt = db.prepare<[string, number, number], number>(
    `SELECT scheduled_for FROM runs WHERE task_id = ? AND scheduled_for > ? AND scheduled_for <= ?
       AND trigger IN ('schedule', 'catch_up') AND attempt = 1`,
  );
  return {
    /** The latest wall-clock time the scheduler wrote down (its heartbeat or a fire), or null. */
    latestSeen(): number | null {
      return latestSeenStmt.pluck().get() as number | null;
    },
    /** Tasks, not paused, whose next run is after `now`. */
    scheduledAfter: (now: number): DueTask[] => aheadStmt.all(now),
    /** The occurrences of a task in (after, until] that already have their run. */
    firedBetween: (taskId: string, after: number, until: number): Set<number> =>
      new Set(firedStmt.pluck().all(taskId, after, until) as number[]),
  };
}
