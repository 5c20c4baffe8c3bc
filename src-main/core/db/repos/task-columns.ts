// The tasks table's columns, each written once: the name code uses (the alias every SELECT gives
// it), the column, and its value for a new task. Statements, the stored row's type, the defaults of
// tasks.create and the API view are all drawn from this list.
import type { NotificationPolicySettings, OverlapPolicy, Phase, Pipeline, Task, TaskStatus } from '../../model/types';
import { notificationPolicyKeys, priorities } from '../../model/types';
import { parseRetryPolicy } from '../../model/retry-policy';
import { isoOrNull, parseJson } from './json';
import { parseConditions } from '../../model/run-conditions';
import { criteriaFrom } from '../../model/feedback';

const column = <T>(name: string, initial: T) => ({ name, initial });

/** The fields a task is created and updated with, stored as the table holds them. */
const writable = {
  projectId: column<string | null>('project_id', null),
  title: column('title', ''),
  description: column('description', ''),
  taskType: column('task_type', 'general'),
  priority: column('priority', 1),
  status: column<TaskStatus>('status', 'pending'),
  currentPhase: column<Phase | null>('current_phase', null),
  pipeline: column('pipeline', '{"steps":[]}'),
  scheduleKind: column('schedule_kind', 'manual'),
  scheduleExpr: column<string | null>('schedule_expr', null),
  scheduleTimezone: column<string | null>('schedule_timezone', null),
  misfirePolicy: column('misfire_policy', 'run_once'),
  misfireGraceMs: column<number | null>('misfire_grace_ms', null),
  paused: column('paused', 0),
  /** Why the task was created paused (what it still needs); null when a person paused it or it runs. */
  pausedReason: column<string | null>('paused_reason', null),
  timeoutMs: column<number | null>('timeout_ms', null),
  concurrencyKey: column<string | null>('concurrency_key', null),
  maxConcurrentRuns: column('max_concurrent_runs', 1),
  overlapPolicy: column<OverlapPolicy>('overlap_policy', 'skip'),
  retryPolicy: column('retry_policy', '{}'),
  notificationPolicy: column('notification_policy', '{}'),
  budgetUsd: column<number | null>('budget_usd', null),
  successCriteria: column('success_criteria', '[]'),
  /** JSON array of the task's tags. */
  tags: column('tags', '[]'),
  deadlineAt: column<number | null>('deadline_at', null),
  estimatedHours: column<number | null>('estimated_hours', null),
  /** JSON object: the param values the task's runs start from. */
  params: column('params', '{}'),
  /** JSON object: the run conditions (AC power, idle, battery). */
  conditions: column('conditions', '{}'),
  /** 1 when the host should wake the computer from sleep for the task's runs. */
  wakeToRun: column('wake_to_run', 0),
};

/** Kept by the store itself: the scheduler, the run state machine and the clock write these. */
const maintained = {
  id: column('id', ''),
  nextRunAt: column<number | null>('next_run_at', null),
  lastFiredAt: column<number | null>('last_fired_at', null),
  lastError: column<string | null>('last_error', null),
  createdAt: column('created_at', 0),
  updatedAt: column('updated_at', 0),
  /** Derived: the time the task's finished runs took, summed (its actual hours). */
  runMs: column<number | null>(
    '(SELECT SUM(r.finished_at - r.started_at) FROM runs r WHERE r.task_id = tasks.id AND r.finished_at IS NOT NULL)',
    null,
  ),
};

type ValuesOf<T extends Record<string, { initial: unknown }>> = { [K in keyof T]: T[K]['initial'] };

/** Column values for an insert or update. */
export type TaskColumns = ValuesOf<typeof writable>;
/** A stored task as SELECTed with TASK_SELECT. */
export type TaskRow = TaskColumns & ValuesOf<typeof maintained>;

export const taskFields = Object.keys(writable) as (keyof TaskColumns)[];

/** A new task's columns before its input is applied. */
export function newTaskColumns(): TaskColumns {
  return Object.fromEntries(taskFields.map((field) => [field, writable[field].initial])) as TaskColumns;
}

/** Every column, under the name code uses. */
export const TASK_SELECT = Object.entries({ ...maintained, ...writable })
  .map(([field, c]) => `${c.name} AS ${field}`)
  .join(', ');

export const TASK_INSERT = `INSERT INTO tasks (id, ${taskFields.map((f) => writable[f].name).join(', ')}, created_at, updated_at)
  VALUES (@id, ${taskFields.map((f) => `@${f}`).join(', ')}, @now, @now)`;

export const TASK_UPDATE = `UPDATE tasks SET ${taskFields.map((f) => `${writable[f].name} = @${f}`).join(', ')},
  updated_at = @now WHERE id = @id`;

/** The writable columns of a stored row, for merging a partial update. */
export function columnsOf(row: TaskRow): TaskColumns {
  return Object.fromEntries(taskFields.map((field) => [field, row[field]])) as TaskColumns;
}

/** The stored policy as the API shows it; keys it does not know and non-boolean values are left out. */
function notificationPolicyOf(json: string): NotificationPolicySettings {
  const stored = parseJson<Record<string, unknown>>(json) ?? {};
  const out: NotificationPolicySettings = {};
  for (const key of notificationPolicyKeys) {
    const value = stored[key];
    if (typeof value === 'boolean') out[key] = value;
  }
  return out;
}

/** The API's view of a stored task. */
export function toTask(row: TaskRow, dependsOn: string[], pipelineOf: (json: string) => Pipeline): Task {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    description: row.description,
    taskType: row.taskType,
    priority: priorities[row.priority] ?? 'normal',
    status: row.status,
    currentPhase: row.currentPhase,
    pipeline: pipelineOf(row.pipeline),
    schedule: {
      kind: row.scheduleKind as Task['schedule']['kind'],
      expr: row.scheduleExpr,
      timezone: row.scheduleTimezone,
    },
    misfirePolicy: row.misfirePolicy as Task['misfirePolicy'],
    misfireGraceMs: row.misfireGraceMs,
    paused: row.paused === 1,
    pausedReason: row.paused === 1 ? row.pausedReason : null,
    nextRunAt: isoOrNull(row.nextRunAt),
    lastFiredAt: isoOrNull(row.lastFiredAt),
    timeoutMs: row.timeoutMs,
    concurrencyKey: row.concurrencyKey,
    maxConcurrentRuns: row.maxConcurrentRuns,
    overlapPolicy: row.overlapPolicy,
    retryPolicy: parseRetryPolicy(row.retryPolicy),
    notificationPolicy: notificationPolicyOf(row.notificationPolicy),
    dependsOn,
    budgetUsd: row.budgetUsd,
    successCriteria: criteriaFrom(parseJson<unknown>(row.successCriteria)),
    tags: parseJson<string[]>(row.tags) ?? [],
    deadline: isoOrNull(row.deadlineAt),
    estimatedHours: row.estimatedHours,
    actualHours: row.runMs === null ? null : row.runMs / 3_600_000,
    params: parseJson<Record<string, unknown>>(row.params) ?? {},
    conditions: parseConditions(row.conditions),
    wakeToRun: row.wakeToRun === 1,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
