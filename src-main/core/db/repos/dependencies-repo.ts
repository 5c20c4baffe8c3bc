// The task_dependencies table: edges of the task DAG, and the reads the release rule needs
// (queue/dependencies.ts holds the cycle check and the rule itself).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

/** One dependency of a task, with what the release rule needs to know about its runs. */
export interface DependencyRunState {
  taskId: string;
  title: string;
  /** The dependency's latest finished run, by finished_at; null when none has finished. */
  lastFinished: { status: string; finishedAt: number } | null;
  /** True while a run of the dependency is queued, running or awaiting approval. */
  inFlight: boolean;
}

interface DependencyRunRow {
  id: string;
  title: string;
  status: string | null;
  finished_at: number | null;
  in_flight: number;
}

export function createDependenciesRepo(db: Database) {
  return {
    add(taskId: string, dependsOn: string, now: number): void {
      db.prepare('INSERT OR IGNORE INTO task_dependencies (task_id, depends_on, created_at) VALUES (?, ?, ?)').run(
        taskId,
        dependsOn,
        now,
      );
    },
    remove(taskId: string, dependsOn: string): boolean {
      return (
        db.prepare('DELETE FROM task_dependencies WHERE task_id = ? AND depends_on = ?').run(taskId, dependsOn)
          .changes === 1
      );
    },
    dependenciesOf(taskId: string): string[] {
      return db
        .prepare('SELECT depends_on FROM task_dependencies WHERE task_id = ? ORDER BY depends_on')
        .pluck()
        .all(taskId) as string[];
    },
    dependentsOf(taskId: string): string[] {
      return db
        .prepare('SELECT task_id FROM task_dependencies WHERE depends_on = ? ORDER BY task_id')
        .pluck()
        .all(taskId) as string[];
    },
    /**
     * Replaces all dependencies of a task atomically: a savepoint inside the caller's transaction,
     * a transaction of its own otherwise.
     */
    replaceFor(taskId: string, dependsOn: readonly string[], now: number): void {
      db.transaction(() => {
        db.prepare('DELETE FROM task_dependencies WHERE task_id = ?').run(taskId);
        const insert = db.prepare(
          'INSERT OR IGNORE INTO task_dependencies (task_id, depends_on, created_at) VALUES (?, ?, ?)',
        );
        for (const id of dependsOn) insert.run(taskId, id, now);
      })();
    },
    /** The ids among `ids` that name no task. */
    missingTasks(ids: readonly string[]): string[] {
      const exists = db.prepare('SELECT 1 FROM tasks WHERE id = ?').pluck();
      return ids.filter((id) => exists.get(id) === undefined);
    },
    /** Every dependency of a task with its latest finished run and whether another is in flight. */
    dependencyRunStates(taskId: string): DependencyRunState[] {
      const rows = statement(
        db,
        `SELECT t.id, t.title, last.status, last.finished_at,
             EXISTS (SELECT 1 FROM runs a WHERE a.task_id = t.id
                     AND a.status IN ('queued', 'running', 'awaiting_approval')) AS in_flight
           FROM task_dependencies d
           JOIN tasks t ON t.id = d.depends_on
           LEFT JOIN runs last ON last.id = (
             SELECT f.id FROM runs f WHERE f.task_id = t.id AND f.finished_at IS NOT NULL
             ORDER BY f.finished_at DESC, f.rowid DESC LIMIT 1)
           WHERE d.task_id = ?
           ORDER BY t.id`,
      ).all(taskId) as DependencyRunRow[];
      return rows.map((r) => ({
        taskId: r.id,
        title: r.title,
        lastFinished:
          r.status !== null && r.finished_at !== null ? { status: r.status, finishedAt: r.finished_at } : null,
        inFlight: r.in_flight === 1,
      }));
    },
    /** Queued runs of the tasks that depend on `taskId`, in queue order. */
    queuedDependentRuns(taskId: string): string[] {
      return statement(
        db,
        `SELECT r.id FROM task_dependencies d JOIN runs r ON r.task_id = d.task_id
           WHERE d.depends_on = ? AND r.status = 'queued'
           ORDER BY r.priority DESC, r.scheduled_for, r.id`,
      )
        .pluck()
        .all(taskId) as string[];
    },
    /** When the first attempt of a run's retry chain was queued (the run's own queued_at if it is not a retry). */
    firstAttemptQueuedAt(runId: string): number | null {
      return statement(
        db,
        `WITH RECURSIVE chain (id, retry_of, queued_at) AS (
             SELECT id, retry_of, queued_at FROM runs WHERE id = ?
             UNION
             SELECT r.id, r.retry_of, r.queued_at FROM runs r JOIN chain c ON r.id = c.retry_of)
           SELECT MIN(queued_at) FROM chain`,
      )
        .pluck()
        .get(runId) as number | null;
    },
    /** True when some task depends on this one. */
    hasDependents(taskId: string): boolean {
      return Boolean(
        statement(db, 'SELECT EXISTS (SELECT 1 FROM task_dependencies WHERE depends_on = ?)').pluck().get(taskId),
      );
    },
  };
}

export type DependenciesRepo = ReturnType<typeof createDependenciesRepo>;
