// Reads and writes of the scheduler: due tasks, their next occurrence, and the loop's own state.
import type { Database } from 'better-sqlite3';
import type { MisfirePolicy, ScheduleKind } from '../../model/types';
import { inChunks, rowsStatements } from '../statements';

export interface DueTask {
  id: string;
  title: string;
  priority: number;
  scheduleKind: ScheduleKind;
  scheduleExpr: string | null;
  scheduleTimezone: string | null;
  misfirePolicy: MisfirePolicy;
  misfireGraceMs: number | null;
  nextRunAt: number;
  nextOccurrenceAt: number;
  lastFiredAt: number | null;
  /** The task's params as stored (JSON text): each run it queues starts with them. */
  params: string;
  createdAt: number;
}

/** A task's next occurrence after a fire, and when it fired (null when it queued nothing). */
export interface TaskNext {
  taskId: string;
  runAt: number | null;
  occurrenceAt: number | null;
  firedAt: number | null;
}

export interface SchedulerState {
  paused: boolean;
  pausedAt: number | null;
  heartbeatAt: number | null;
  startedAt: number | null;
}

/** A due task's columns, as DueTask names them. */
const DUE_COLUMNS = `id, title, priority, schedule_kind AS scheduleKind, schedule_expr AS scheduleExpr,
  schedule_timezone AS scheduleTimezone, misfire_policy AS misfirePolicy, misfire_grace_ms AS misfireGraceMs,
  next_run_at AS nextRunAt, coalesce(next_occurrence_at, next_run_at) AS nextOccurrenceAt,
  last_fired_at AS lastFiredAt, coalesce(params, '{}') AS params, created_at AS createdAt`;

export function createSchedulerRepo(db: Database) {
  const dueStmt = db.prepare<[number, number], DueTask>(
    `SELECT ${DUE_COLUMNS} FROM tasks WHERE paused = 0 AND next_run_at IS NOT NULL AND next_run_at <= ?
     ORDER BY next_run_at, priority DESC LIMIT ?`,
  );
  const dueAtStmt = db.prepare<[number, number, number], DueTask>(
    `SELECT ${DUE_COLUMNS} FROM tasks WHERE paused = 0 AND next_run_at = ? ORDER BY priority DESC LIMIT ? OFFSET ?`,
  );
  const dueCountAtStmt = db
    .prepare<[number], number>(`SELECT count(*) FROM tasks WHERE paused = 0 AND next_run_at = ?`)
    .pluck();
  const stillDueManyStmt = db.prepare<[string, number], DueTask>(
    `SELECT ${DUE_COLUMNS} FROM tasks WHERE id IN (SELECT value FROM json_each(?))
     AND paused = 0 AND next_run_at IS NOT NULL AND next_run_at <= ?`,
  );
  // scheduler.status reads it on every call.
  const nextTaskStmt = db.prepare<[], { id: string; title: string }>(
    'SELECT id, title FROM tasks WHERE paused = 0 AND next_run_at IS NOT NULL ORDER BY next_run_at, priority DESC LIMIT 1',
  );
  // A burst's next occurrences, a chunk of tasks per statement.
  const setNextRows = rowsStatements(db, {
    head: 'WITH next (id, run_at, occurrence_at, fired_at) AS (',
    width: 4,
    tail: `) UPDATE tasks SET next_run_at = next.run_at, next_occurrence_at = next.occurrence_at,
      last_fired_at = coalesce(next.fired_at, tasks.last_fired_at) FROM next WHERE tasks.id = next.id`,
  });
  const setNextStmt = db.prepare(
    'UPDATE tasks SET next_run_at = ?, next_occurrence_at = ?, last_fired_at = coalesce(?, last_fired_at) WHERE id = ?',
  );
  const earliestStmt = db.prepare('SELECT min(next_run_at) FROM tasks WHERE paused = 0 AND next_run_at IS NOT NULL');
  const stateStmt = db.prepare(
    'SELECT paused, paused_at AS pausedAt, heartbeat_at AS heartbeatAt, started_at AS startedAt FROM scheduler_state WHERE id = 1',
  );
  const heartbeatStmt = db.prepare('UPDATE scheduler_state SET heartbeat_at = ? WHERE id = 1');

  const taskStmt = db.prepare<[string], DueTask>(`SELECT ${DUE_COLUMNS} FROM tasks WHERE id = ?`);
  const markStmt = db
    .prepare<[], string>(`SELECT total_changes() || ':' || data_version FROM pragma_data_version`)
    .pluck();
  const followingStmt = db
    .prepare<[number], number | null>('SELECT min(next_run_at) FROM tasks WHERE paused = 0 AND next_run_at > ?')
    .pluck();

  return {
    dueTask: (id: string): DueTask | undefined => taskStmt.get(id),
    /**
     * Changes whenever this connection changes a row (of any table) or another connection commits:
     * tasks read under one mark still read the same while the mark stays.
     */
    writeMark: (): string => markStmt.get()!,
    /** The first due time after `instant`, or null. */
    dueAfter: (instant: number): number | null => followingStmt.get(instant) ?? null,
    nextTask: (): { id: string; title: string } | undefined => nextTaskStmt.get(),
    dueTasks: (now: number, limit: number): DueTask[] => dueStmt.all(now, limit),
    /** How many tasks are due exactly at `instant`: how early their fire is planned. */
    dueCountAt: (instant: number): number => dueCountAtStmt.get(instant) ?? 0,
    /** Those of these tasks still due by `now`, as dueTasks reads them, in one read. */
    stillDueMany(ids: readonly string[], now: number): Map<string, DueTask> {
      return new Map(stillDueManyStmt.all(JSON.stringify(ids), now).map((task) => [task.id, task]));
    },
    /** A page of the tasks due exactly at `instant`, as dueTasks reads them, to plan their fire ahead of it. */
    dueAt: (instant: number, page: { limit: number; offset: number }): DueTask[] =>
      dueAtStmt.all(instant, page.limit, page.offset),
    setNext(taskId: string, next: { runAt: number | null; occurrenceAt: number | null }, firedAt: number | null): void {
      setNextStmt.run(next.runAt, next.occurrenceAt, firedAt, taskId);
    },
    /** setNext for many tasks at once. */
    setNextMany(rows: readonly TaskNext[]): void {
      inChunks(rows, (chunk) => {
        const values: unknown[] = [];
        for (const row of chunk) values.push(row.taskId, row.runAt, row.occurrenceAt, row.firedAt);
        setNextRows(chunk.length).run(values);
      });
    },
    earliestNextRun: (): number | null => earliestStmt.pluck().get() as number | null,
    state(): SchedulerState {
      const row = stateStmt.get() as Omit<SchedulerState, 'paused'> & { paused: number };
      return { ...row, paused: row.paused === 1 };
    },
    heartbeat: (now: number): void => void heartbeatStmt.run(now),
    setStarted: (now: number): void =>
      void db.prepare('UPDATE scheduler_state SET started_at = ? WHERE id = 1').run(now),
    setPaused(paused: boolean, now: number): void {
      db.prepare('UPDATE scheduler_state SET paused = ?, paused_at = ? WHERE id = 1').run(
        paused ? 1 : 0,
        paused ? now : null,
      );
    },
    /** Tasks whose next run passed while the scheduler was paused: they move on, they do not catch up. */
    overdueIds: (now: number): string[] =>
      db
        .prepare('SELECT id FROM tasks WHERE paused = 0 AND next_run_at IS NOT NULL AND next_run_at <= ?')
        .pluck()
        .all(now) as string[],
  };
}
