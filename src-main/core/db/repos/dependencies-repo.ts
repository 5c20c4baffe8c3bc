// The task_dependencies table: edges of the task DAG. The durable-execution work adds cycle checks
// and release rules on top of these reads.
import type { Database } from 'better-sqlite3';

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
  };
}

export type DependenciesRepo = ReturnType<typeof createDependenciesRepo>;
