// The tasks table: rows in, Task objects out. The columns are listed once, in task-columns.ts; what
// runs read and write of a task is in task-run-queries.ts.
import type { Database } from 'better-sqlite3';
import type { Page, Pipeline, Priority, Task, TaskStatus } from '../../model/types';
import { priorities } from '../../model/types';
import { parseJson } from './json';
import {
  columnsOf,
  TASK_INSERT,
  TASK_SELECT,
  TASK_UPDATE,
  toTask,
  type TaskColumns,
  type TaskRow,
} from './task-columns';
import { createTaskRunQueries } from './task-run-queries';

export type { TaskColumns } from './task-columns';

export function priorityToNumber(priority: Priority): number {
  return priorities.indexOf(priority);
}

export interface TaskFilter {
  status?: TaskStatus[];
  projectId?: string;
  taskType?: string;
  paused?: boolean;
  search?: string;
  sort: 'updated' | 'created' | 'priority' | 'title';
  limit: number;
  offset: number;
}

const orderBy: Record<TaskFilter['sort'], string> = {
  updated: 'updated_at DESC, id',
  created: 'created_at DESC, id',
  priority: 'priority DESC, updated_at DESC, id',
  title: 'title COLLATE NOCASE, id',
};

/** A parsed value frozen all the way down, so that it can be shared. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const MAX_PARSED_PIPELINES = 256;

export function createTasksRepo(db: Database) {
  // Every push of a task (each run moves its status twice) reads the task, and its pipeline is the
  // bulk of the row: each stored text is parsed once and the frozen result shared by all reads.
  const pipelines = new Map<string, Pipeline>();
  const pipelineOf = (json: string): Pipeline => {
    let pipeline = pipelines.get(json);
    if (!pipeline) {
      pipeline = deepFreeze(parseJson<Pipeline>(json) ?? { steps: [] });
      if (pipelines.size >= MAX_PARSED_PIPELINES) pipelines.clear();
      pipelines.set(json, pipeline);
    }
    return pipeline;
  };
  const getStmt = db.prepare<[string], TaskRow>(`SELECT ${TASK_SELECT} FROM tasks WHERE id = ?`);
  const insertStmt = db.prepare(TASK_INSERT);
  const updateStmt = db.prepare(TASK_UPDATE);

  const dependenciesStmt = db.prepare<[string], string>(
    'SELECT depends_on FROM task_dependencies WHERE task_id = ? ORDER BY depends_on',
  );
  const withDependencies = (row: TaskRow): Task =>
    toTask(row, dependenciesStmt.pluck().all(row.id) as string[], pipelineOf);

  /** Tasks with their dependencies, read in one query for the whole page. */
  function withDependenciesOf(rows: TaskRow[]): Task[] {
    if (rows.length === 0) return [];
    const edges = db
      .prepare(
        `SELECT task_id AS taskId, depends_on AS dependsOn FROM task_dependencies
         WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY depends_on`,
      )
      .all(JSON.stringify(rows.map((r) => r.id))) as { taskId: string; dependsOn: string }[];
    const byTask = new Map<string, string[]>();
    for (const e of edges) byTask.set(e.taskId, [...(byTask.get(e.taskId) ?? []), e.dependsOn]);
    return rows.map((row) => toTask(row, byTask.get(row.id) ?? [], pipelineOf));
  }

  return {
    ...createTaskRunQueries(db),

    get(id: string): Task | undefined {
      const row = getStmt.get(id);
      return row && withDependencies(row);
    },

    /** The stored columns of a task, for merging a partial update. */
    columns(id: string): TaskColumns | undefined {
      const row = getStmt.get(id);
      return row && columnsOf(row);
    },

    insert(id: string, columns: TaskColumns, now: number): Task {
      insertStmt.run({ ...columns, id, now });
      return withDependencies(getStmt.get(id)!);
    },

    update(id: string, columns: TaskColumns, now: number): Task {
      updateStmt.run({ ...columns, id, now });
      return withDependencies(getStmt.get(id)!);
    },

    createdAt(id: string): number {
      return db.prepare('SELECT created_at FROM tasks WHERE id = ?').pluck().get(id) as number;
    },

    nextRun(id: string): { runAt: number; occurrenceAt: number } | undefined {
      const row = db
        .prepare<[string], { runAt: number | null; occurrenceAt: number | null }>(
          'SELECT next_run_at AS runAt, coalesce(next_occurrence_at, next_run_at) AS occurrenceAt FROM tasks WHERE id = ?',
        )
        .get(id);
      return row?.runAt != null && row.occurrenceAt != null
        ? { runAt: row.runAt, occurrenceAt: row.occurrenceAt }
        : undefined;
    },

    delete(id: string): boolean {
      return db.prepare('DELETE FROM tasks WHERE id = ?').run(id).changes === 1;
    },

    idsInProject(projectId: string): string[] {
      return db
        .prepare<[string], { id: string }>('SELECT id FROM tasks WHERE project_id = ?')
        .all(projectId)
        .map((r) => r.id);
    },

    list(filter: TaskFilter): Page<Task> {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.status?.length) {
        where.push(`status IN (${filter.status.map((_, i) => `@s${i}`).join(', ')})`);
        filter.status.forEach((s, i) => (params[`s${i}`] = s));
      }
      if (filter.projectId) {
        where.push('project_id = @projectId');
        params.projectId = filter.projectId;
      }
      if (filter.taskType) {
        where.push('task_type = @taskType');
        params.taskType = filter.taskType;
      }
      if (filter.paused !== undefined) {
        where.push('paused = @paused');
        params.paused = filter.paused ? 1 : 0;
      }
      if (filter.search) {
        where.push(`(title LIKE @search ESCAPE '\\' OR description LIKE @search ESCAPE '\\')`);
        params.search = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM tasks ${clause}`).get(params) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT ${TASK_SELECT} FROM tasks ${clause} ORDER BY ${orderBy[filter.sort]} LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: filter.limit, offset: filter.offset }) as TaskRow[];
      return { items: withDependenciesOf(rows), total, limit: filter.limit, offset: filter.offset };
    },
  };
}
