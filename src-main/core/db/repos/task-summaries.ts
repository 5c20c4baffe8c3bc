// What a list of tasks shows of each (a board card, a CLI row, a palette entry): a few columns read
// for one page at once, with each task's dependencies, the tools its pipeline uses and its latest
// run, instead of every column of every task. tasks.get reads the whole task.
import type { Database } from 'better-sqlite3';
import type { Priority, RunStatus, ScheduleKind, TaskStatus } from '../../model/types';
import { priorities } from '../../model/types';
import { pipelineTools } from './pipeline-tools';

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

/** A summary row as SQLite returns it, in SUMMARY_SQL's column order: read as an array, since
 * building a 21-key object per row cost as much as the query itself. */
type Row = [
  id: string,
  title: string,
  taskType: string,
  priority: number,
  status: string,
  paused: number,
  pausedReason: string | null,
  scheduleKind: string,
  scheduleExpr: string | null,
  scheduleTimezone: string | null,
  nextRunAt: number | null,
  lastFiredAt: number | null,
  tags: string,
  deadlineAt: number | null,
  estimatedHours: number | null,
  createdAt: number,
  updatedAt: number,
  pipeline: string,
  runId: string | null,
  runStatus: string | null,
  runCost: number | null,
  runFinished: number | null,
];

// The latest run is found through runs_by_task (task_id, queued_at DESC, id). The pipeline's text
// is read for its tools, which are remembered per text (pipeline-tools.ts).
const SUMMARY_SQL = `
  WITH page (id) AS (SELECT value FROM json_each(?))
  SELECT t.id, t.title, t.task_type, t.priority, t.status, t.paused, t.paused_reason, t.schedule_kind, t.schedule_expr,
    t.schedule_timezone, t.next_run_at, t.last_fired_at, t.tags, t.deadline_at, t.estimated_hours,
    t.created_at, t.updated_at, t.pipeline,
    r.id, r.status, r.cost_usd, r.finished_at
  FROM page JOIN tasks t ON t.id = page.id
  LEFT JOIN runs r ON r.id = (SELECT id FROM runs WHERE task_id = t.id ORDER BY queued_at DESC, id LIMIT 1)`;

const DEPENDENCIES_SQL = `SELECT task_id AS taskId, depends_on AS dependsOn FROM task_dependencies
  WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY task_id, depends_on`;

/** `runMs` gives each task's finished runs' time, summed (kept with the board's facts). */
export function createTaskSummaries(db: Database, runMs: (ids: readonly string[]) => Map<string, number | null>) {
  const summaries = db.prepare<[string], Row>(SUMMARY_SQL).raw();
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
    const rows = new Map(summaries.all(idsJson).map((row) => [row[0], row]));
    const times = runMs(ids);
    const out: TaskSummaryRow[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) continue;
      const [
        ,
        title,
        taskType,
        priority,
        status,
        paused,
        pausedReason,
        kind,
        expr,
        timezone,
        nextRunAt,
        lastFiredAt,
        tags,
        deadline,
        estimatedHours,
        createdAt,
        updatedAt,
        pipeline,
        runId,
        runStatus,
        runCost,
        runFinished,
      ] = row;
      out.push({
        id,
        title,
        taskType,
        priority: priorities[priority] ?? 'normal',
        status: status as TaskStatus,
        paused: paused === 1,
        pausedReason,
        schedule: { kind: kind as ScheduleKind, expr, timezone },
        nextRunAt,
        lastFiredAt,
        tags: JSON.parse(tags) as string[],
        deadline,
        estimatedHours,
        runMs: times.get(id) ?? null,
        createdAt,
        updatedAt,
        dependsOn: byTask.get(id) ?? [],
        tools: pipelineTools(pipeline),
        lastRun:
          runId === null
            ? null
            : { id: runId, status: runStatus as RunStatus, costUsd: runCost ?? 0, finishedAt: runFinished },
      });
    }
    return out;
  };
}
