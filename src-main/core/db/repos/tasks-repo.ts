// The tasks table: rows in, Task objects out.
import type { Database } from 'better-sqlite3';
import type {
  NotificationPolicySettings,
  OverlapPolicy,
  Page,
  Phase,
  Pipeline,
  Priority,
  Task,
  TaskStatus,
} from '../../api/types';
import { parseRetryPolicy } from '../../queue/retry';
import { notificationPolicyFields, priorities } from '../../api/types';
import { isoOrNull, parseJson } from './json';

interface TaskRow {
  id: string;
  project_id: string | null;
  title: string;
  description: string;
  task_type: string;
  priority: number;
  status: string;
  current_phase: string | null;
  pipeline: string;
  schedule_kind: string;
  schedule_expr: string | null;
  schedule_timezone: string | null;
  misfire_policy: string;
  misfire_grace_ms: number | null;
  paused: number;
  next_run_at: number | null;
  last_fired_at: number | null;
  timeout_ms: number | null;
  concurrency_key: string | null;
  max_concurrent_runs: number;
  overlap_policy: string;
  retry_policy: string;
  notification_policy: string;
  budget_usd: number | null;
  success_criteria: string;
  deadline_at: number | null;
  estimated_hours: number | null;
  actual_hours: number | null;
  params: string;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** Column values for an insert or update, in the table's own terms. */
export interface TaskColumns {
  project_id: string | null;
  title: string;
  description: string;
  task_type: string;
  priority: number;
  status: TaskStatus;
  current_phase: Phase | null;
  pipeline: string;
  schedule_kind: string;
  schedule_expr: string | null;
  schedule_timezone: string | null;
  misfire_policy: string;
  misfire_grace_ms: number | null;
  paused: number;
  timeout_ms: number | null;
  concurrency_key: string | null;
  max_concurrent_runs: number;
  overlap_policy: OverlapPolicy;
  retry_policy: string;
  notification_policy: string;
  budget_usd: number | null;
  success_criteria: string;
  deadline_at: number | null;
  estimated_hours: number | null;
  actual_hours: number | null;
  /** JSON object: the param values the task's runs start from. */
  params: string;
}

export function priorityToNumber(priority: Priority): number {
  return priorities.indexOf(priority);
}

function toTask(row: TaskRow, dependsOn: string[], pipelineOf: (json: string) => Pipeline): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    description: row.description,
    taskType: row.task_type,
    priority: priorities[row.priority] ?? 'normal',
    status: row.status as TaskStatus,
    currentPhase: row.current_phase as Phase | null,
    pipeline: pipelineOf(row.pipeline),
    schedule: {
      kind: row.schedule_kind as Task['schedule']['kind'],
      expr: row.schedule_expr,
      timezone: row.schedule_timezone,
    },
    misfirePolicy: row.misfire_policy as Task['misfirePolicy'],
    misfireGraceMs: row.misfire_grace_ms,
    paused: row.paused === 1,
    nextRunAt: isoOrNull(row.next_run_at),
    lastFiredAt: isoOrNull(row.last_fired_at),
    timeoutMs: row.timeout_ms,
    concurrencyKey: row.concurrency_key,
    maxConcurrentRuns: row.max_concurrent_runs,
    overlapPolicy: row.overlap_policy as OverlapPolicy,
    retryPolicy: parseRetryPolicy(row.retry_policy),
    notificationPolicy: notificationPolicyOf(row.notification_policy),
    dependsOn,
    budgetUsd: row.budget_usd,
    successCriteria: parseJson<string[]>(row.success_criteria) ?? [],
    deadline: isoOrNull(row.deadline_at),
    estimatedHours: row.estimated_hours,
    actualHours: row.actual_hours,
    params: parseJson<Record<string, unknown>>(row.params) ?? {},
    lastError: row.last_error,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
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

const columnNames = [
  'project_id',
  'title',
  'description',
  'task_type',
  'priority',
  'status',
  'current_phase',
  'pipeline',
  'schedule_kind',
  'schedule_expr',
  'schedule_timezone',
  'misfire_policy',
  'misfire_grace_ms',
  'paused',
  'timeout_ms',
  'concurrency_key',
  'max_concurrent_runs',
  'overlap_policy',
  'retry_policy',
  'notification_policy',
  'budget_usd',
  'success_criteria',
  'deadline_at',
  'estimated_hours',
  'actual_hours',
  'params',
] as const satisfies readonly (keyof TaskColumns)[];

/** The stored snake_case policy (see notify/policy.ts) in the API's camelCase; unknown keys are left out. */
function notificationPolicyOf(json: string): NotificationPolicySettings {
  const stored = parseJson<Record<string, unknown>>(json) ?? {};
  const out: NotificationPolicySettings = {};
  for (const [key, field] of notificationPolicyFields) {
    const value = stored[key];
    if (typeof value === 'boolean') out[field] = value;
  }
  return out;
}

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
  const getStmt = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?');
  const insertStmt = db.prepare(
    `INSERT INTO tasks (id, ${columnNames.join(', ')}, created_at, updated_at)
     VALUES (@id, ${columnNames.map((c) => `@${c}`).join(', ')}, @now, @now)`,
  );
  const updateStmt = db.prepare(
    `UPDATE tasks SET ${columnNames.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`,
  );

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
    get(id: string): Task | undefined {
      const row = getStmt.get(id);
      return row && withDependencies(row);
    },

    /** The stored columns of a task, for merging a partial update. */
    columns(id: string): TaskColumns | undefined {
      const row = getStmt.get(id);
      if (!row) return undefined;
      const picked = Object.fromEntries(columnNames.map((c) => [c, row[c as keyof TaskRow]]));
      return picked as unknown as TaskColumns;
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
        .prepare(`SELECT * FROM tasks ${clause} ORDER BY ${orderBy[filter.sort]} LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset }) as TaskRow[];
      return { items: withDependenciesOf(rows), total, limit: filter.limit, offset: filter.offset };
    },
  };
}

export type TasksRepo = ReturnType<typeof createTasksRepo>;
