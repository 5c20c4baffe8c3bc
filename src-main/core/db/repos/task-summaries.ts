// What a list of tasks shows of each (a board card, a CLI row, a palette entry): a few columns read
// for one page at once, with each task's dependencies, the tools its pipeline uses and its latest
// run, instead of every column of every task. tasks.get reads the whole task.
import type { Database } from 'better-sqlite3';
import type { Priority, RunStatus, ScheduleKind, TaskStatus } from '../../model/types';
import { priorities } from '../../model/types';

export interface TaskSummaryRow {
  id: string;
  title: string;
  taskType: string;
  priority: Priority;
  status: TaskStatus;
  paused: boolean;
  /** Why it is paused, when something other than a person paused it. */
  pausedReason: string | null;
  schedule: { kind: ScheduleKind; expr: string | null; timezone: string | null };
  nextRunAt: number | null;
  lastFiredAt: number | null;
  tags: string[];
  deadline: number | null;
  estimatedHours: number | null;
  /** The time the task's finished runs took, summed (its actual hours); null before any finished. */
  runMs: number | null;
  createdAt: number;
  updatedAt: number;
  dependsOn: string[];
  /** The tools the pipeline's steps use, each once. */
  tools: string[];
  lastRun: { id: string; status: RunStatus; costUsd: number; finishedAt: number | null } | null;
}

interface Row {
  id: string;
  title: string;
  task_type: string;
  priority: number;
  status: string;
  paused: number;
  paused_reason: string | null;
  schedule_kind: string;
  schedule_expr: string | null;
  schedule_timezone: string | null;
  next_run_at: number | null;
  last_fired_at: number | null;
  tags: string;
  deadline_at: number | null;
  estimated_hours: number | null;
  created_at: number;
  updated_at: number;
  tools: string | null;
  run_id: string | null;
  run_status: string | null;
  run_cost: number | null;
  run_finished: number | null;
}

// The latest run is found through runs_by_task (task_id, queued_at DESC, id); the tools are read
// from the stored pipeline JSON by SQLite, so no pipeline is parsed in JavaScript.
const SUMMARY_SQL = `
  WITH page (id) AS (SELECT value FROM json_each(?))
  SELECT t.id, t.title, t.task_type, t.priority, t.status, t.paused, t.paused_reason, t.schedule_kind, t.schedule_expr,
    t.schedule_timezone, t.next_run_at, t.last_fired_at, t.tags, t.deadline_at, t.estimated_hours,
    t.created_at, t.updated_at,
    (SELECT json_group_array(DISTINCT json_extract(s.value, '$.uses')) FROM json_each(t.pipeline, '$.steps') s
      WHERE json_extract(s.value, '$.uses') IS NOT NULL) AS tools,
    r.id AS run_id, r.status AS run_status, r.cost_usd AS run_cost, r.finished_at AS run_finished
  FROM page JOIN tasks t ON t.id = page.id
  LEFT JOIN runs r ON r.id = (SELECT id FROM runs WHERE task_id = t.id ORDER BY queued_at DESC, id LIMIT 1)`;

const DEPENDENCIES_SQL = `SELECT task_id AS taskId, depends_on AS dependsOn FROM task_dependencies
  WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY task_id, depends_on`;

/** `runMs` gives each task's finished runs' time, summed (kept with the board's facts). */
export function createTaskSummaries(db: Database, runMs: (ids: readonly string[]) => Map<string, number | null>) {
  const summaries = db.prepare<[string], Row>(SUMMARY_SQL);
  const dependencies = db.prepare<[string], { taskId: string; dependsOn: string }>(DEPENDENCIES_SQL);
  /** The summaries of these tasks, in the order given; ids of deleted tasks are left out. */
  return function read(ids: readonly string[]): TaskSummaryRow[] {
    if (ids.length === 0) return [];
    const idsJson = JSON.stringify(ids);
    const byTask = new Map<string, string[]>();
    for (const edge of dependencies.all(idsJson)) {
      const list = byTask.get(edge.taskId);
      if (list) list.push(edge.dependsOn);
      else byTask.set(edge.taskId, [edge.dependsOn]);
    }
    const rows = new Map(summaries.all(idsJson).map((row) => [row.id, row]));
    const times = runMs(ids);
    const out: TaskSummaryRow[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) continue;
      out.push({
        id: row.id,
        title: row.title,
        taskType: row.task_type,
        priority: priorities[row.priority] ?? 'normal',
        status: row.status as TaskStatus,
        paused: row.paused === 1,
        pausedReason: row.paused_reason,
        schedule: {
          kind: row.schedule_kind as ScheduleKind,
          expr: row.schedule_expr,
          timezone: row.schedule_timezone,
        },
        nextRunAt: row.next_run_at,
        lastFiredAt: row.last_fired_at,
        tags: JSON.parse(row.tags) as string[],
        deadline: row.deadline_at,
        estimatedHours: row.estimated_hours,
        runMs: times.get(id) ?? null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        dependsOn: byTask.get(id) ?? [],
        tools: row.tools ? (JSON.parse(row.tools) as string[]) : [],
        lastRun:
          row.run_id === null
            ? null
            : {
                id: row.run_id,
                status: row.run_status as RunStatus,
                costUsd: row.run_cost ?? 0,
                finishedAt: row.run_finished,
              },
      });
    }
    return out;
  };
}
