// Task deadlines: which tasks are at risk or overdue (a deadline and no successful run yet), when
// the next one becomes so, and which notices were already told (deadline_alerts).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

export type DeadlineAlertKind = 'at_risk' | 'overdue';

export interface DueDeadline {
  taskId: string;
  title: string;
  deadlineAt: number;
  kind: DeadlineAlertKind;
}

/** A task counts as done for its deadline once a run succeeded or the task is marked complete. */
const OPEN_DEADLINE = `t.deadline_at IS NOT NULL AND t.status <> 'complete'
  AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.task_id = t.id AND r.status = 'succeeded')`;

const NOT_TOLD = (kind: DeadlineAlertKind) =>
  `NOT EXISTS (SELECT 1 FROM deadline_alerts a
     WHERE a.task_id = t.id AND a.deadline_at = t.deadline_at AND a.kind = '${kind}')`;

export function createDeadlinesRepo(db: Database) {
  return {
    /** Notices due at `now` and not yet told; overdue first, so one past its deadline is told once. */
    due(now: number, atRiskMs: number): DueDeadline[] {
      return statement<unknown[], DueDeadline>(
        db,
        `SELECT t.id AS taskId, t.title, t.deadline_at AS deadlineAt, 'overdue' AS kind FROM tasks t
         WHERE ${OPEN_DEADLINE} AND t.deadline_at <= ? AND ${NOT_TOLD('overdue')}
         UNION ALL
         SELECT t.id AS taskId, t.title, t.deadline_at AS deadlineAt, 'at_risk' AS kind FROM tasks t
         WHERE ${OPEN_DEADLINE} AND t.deadline_at > ? AND t.deadline_at - ? <= ? AND ${NOT_TOLD('at_risk')}`,
      ).all(now, now, atRiskMs, now);
    },

    /** The earliest instant after `now` at which a notice not yet told falls due, or null. */
    nextInstant(now: number, atRiskMs: number): number | null {
      return statement(
        db,
        `SELECT min(at) FROM (
           SELECT t.deadline_at - ? AS at FROM tasks t WHERE ${OPEN_DEADLINE} AND ${NOT_TOLD('at_risk')}
           UNION ALL
           SELECT t.deadline_at AS at FROM tasks t WHERE ${OPEN_DEADLINE} AND ${NOT_TOLD('overdue')}
         ) WHERE at > ?`,
      )
        .pluck()
        .get(atRiskMs, now) as number | null;
    },

    /** Records a notice as told; false when it already was (another wake got there first). */
    markTold(alert: { taskId: string; deadlineAt: number; kind: DeadlineAlertKind }, now: number): boolean {
      const result = statement(
        db,
        `INSERT INTO deadline_alerts (task_id, deadline_at, kind, fired_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ).run(alert.taskId, alert.deadlineAt, alert.kind, now);
      return result.changes === 1;
    },

    /** Of the given tasks, the ones at risk or overdue at `now`. */
    states(taskIds: readonly string[], now: number, atRiskMs: number): Map<string, DeadlineAlertKind> {
      const out = new Map<string, DeadlineAlertKind>();
      if (taskIds.length === 0) return out;
      const rows = statement<unknown[], { id: string; deadlineAt: number }>(
        db,
        `SELECT t.id, t.deadline_at AS deadlineAt FROM tasks t
         WHERE t.id IN (SELECT value FROM json_each(?)) AND ${OPEN_DEADLINE} AND t.deadline_at - ? <= ?`,
      ).all(JSON.stringify(taskIds), atRiskMs, now);
      for (const row of rows) out.set(row.id, row.deadlineAt <= now ? 'overdue' : 'at_risk');
      return out;
    },
  };
}

export type DeadlinesRepo = ReturnType<typeof createDeadlinesRepo>;
