// The board's reads of tasks and runs: each task's run facts (for its column), the ids a board view
// selects, and each listed task's latest run. Every task is read, so column counts are true totals.
import type { Database } from 'better-sqlite3';
import type { Priority, RunStatus, ScheduleKind, TaskStatus } from '../../model/types';
import type { TaskRunFacts } from '../../model/task-column';
import { priorityToNumber } from './tasks-repo';
import { createTaskSummaries } from './task-summaries';

export interface BoardFilter {
  /** The status field as stored (the CLI's filter); the board goes by column. */
  status?: TaskStatus[];
  projectId?: string;
  taskType?: string;
  /** Only tasks with at least one of these tags, ignoring case. */
  tags?: string[];
  priority?: Priority[];
  paused?: boolean;
  /** Only tasks with at least one failed or timed-out run. */
  hasFailures?: boolean;
  /** Matched against title, description, type, tags and project name, ignoring case. */
  search?: string;
  sort: 'updated' | 'created' | 'priority' | 'title' | 'next_run';
}

export interface LatestRun {
  id: string;
  status: RunStatus;
  costUsd: number;
  finishedAt: number | null;
}

const orderBy: Record<BoardFilter['sort'], string> = {
  updated: 't.updated_at DESC, t.id',
  created: 't.created_at DESC, t.id',
  priority: 't.priority DESC, t.updated_at DESC, t.id',
  title: 't.title COLLATE NOCASE, t.id',
  next_run: 't.next_run_at IS NULL, t.next_run_at, t.id',
};

const ENDED = `('succeeded', 'failed', 'cancelled', 'timed_out')`;

function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createTaskBoardRepo(db: Database) {
  const factsOfTasks = db.prepare<
    [],
    { id: string; schedule_kind: string; next_run_at: number | null; paused: number; last_ended: string | null }
  >(
    `SELECT t.id, t.schedule_kind, t.next_run_at, t.paused,
       (SELECT r.status FROM runs r WHERE r.task_id = t.id AND r.status IN ${ENDED}
         ORDER BY r.queued_at DESC LIMIT 1) AS last_ended
     FROM tasks t`,
  );
  const activeRuns = db.prepare<
    [],
    {
      task_id: string;
      status: string;
      waiting_reason: string | null;
      blocked_reason: string | null;
      next_attempt_at: number | null;
    }
  >(
    `SELECT task_id, status, waiting_reason, blocked_reason, next_attempt_at FROM runs
     WHERE status IN ('queued', 'running', 'awaiting_approval', 'halted') ORDER BY queued_at`,
  );
  const latestRun = db.prepare<[string], { id: string; status: string; cost_usd: number; finished_at: number | null }>(
    `SELECT id, status, cost_usd, finished_at FROM runs WHERE task_id = ? ORDER BY queued_at DESC LIMIT 1`,
  );

  const summaries = createTaskSummaries(db);

  return {
    /** What a list shows of each of these tasks, in the order given. */
    summaries,

    /** Every task's run facts, by task id. */
    facts(): Map<string, TaskRunFacts> {
      const facts = new Map<string, TaskRunFacts>();
      for (const row of factsOfTasks.all()) {
        facts.set(row.id, {
          scheduleKind: row.schedule_kind as ScheduleKind,
          nextRunAt: row.next_run_at,
          paused: row.paused === 1,
          runningRuns: 0,
          attentionRuns: 0,
          queued: null,
          lastEndedStatus: row.last_ended as RunStatus | null,
        });
      }
      for (const run of activeRuns.all()) {
        const f = facts.get(run.task_id);
        if (!f) continue;
        if (run.status === 'running') f.runningRuns += 1;
        else if (run.status === 'queued') {
          f.queued ??= {
            waitingReason: run.waiting_reason,
            blockedReason: run.blocked_reason,
            nextAttemptAt: run.next_attempt_at,
          };
        } else f.attentionRuns += 1;
      }
      return facts;
    },

    /** The ids of the tasks a view selects, in its order. */
    matchingIds(filter: BoardFilter): string[] {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.status?.length) {
        where.push(`t.status IN (${filter.status.map((_, i) => `@s${i}`).join(', ')})`);
        filter.status.forEach((s, i) => (params[`s${i}`] = s));
      }
      if (filter.projectId) {
        where.push('t.project_id = @projectId');
        params.projectId = filter.projectId;
      }
      if (filter.taskType) {
        where.push('t.task_type = @taskType');
        params.taskType = filter.taskType;
      }
      if (filter.tags?.length) {
        where.push(
          `EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE lower(j.value) IN (${filter.tags.map((_, i) => `@g${i}`).join(', ')}))`,
        );
        filter.tags.forEach((g, i) => (params[`g${i}`] = g.toLowerCase()));
      }
      if (filter.priority?.length) {
        where.push(`t.priority IN (${filter.priority.map((_, i) => `@p${i}`).join(', ')})`);
        filter.priority.forEach((p, i) => (params[`p${i}`] = priorityToNumber(p)));
      }
      if (filter.paused !== undefined) {
        where.push('t.paused = @paused');
        params.paused = filter.paused ? 1 : 0;
      }
      if (filter.hasFailures) {
        where.push(`EXISTS (SELECT 1 FROM runs r WHERE r.task_id = t.id AND r.status IN ('failed', 'timed_out'))`);
      }
      if (filter.search) {
        where.push(
          `(t.title LIKE @search ESCAPE '\\' OR t.description LIKE @search ESCAPE '\\'
            OR t.task_type LIKE @search ESCAPE '\\' OR p.name LIKE @search ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE j.value LIKE @search ESCAPE '\\'))`,
        );
        params.search = escapeLike(filter.search);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return db
        .prepare(
          `SELECT t.id FROM tasks t LEFT JOIN projects p ON p.id = t.project_id ${clause} ORDER BY ${orderBy[filter.sort]}`,
        )
        .pluck()
        .all(params) as string[];
    },

    /** Every dependency edge, with both tasks' titles. */
    dependencyEdges(): Array<{ taskId: string; dependsOn: string; taskTitle: string; dependsOnTitle: string }> {
      return db
        .prepare(
          `SELECT d.task_id AS taskId, d.depends_on AS dependsOn, t.title AS taskTitle, u.title AS dependsOnTitle
           FROM task_dependencies d JOIN tasks t ON t.id = d.task_id JOIN tasks u ON u.id = d.depends_on
           ORDER BY t.title COLLATE NOCASE, u.title COLLATE NOCASE`,
        )
        .all() as Array<{ taskId: string; dependsOn: string; taskTitle: string; dependsOnTitle: string }>;
    },

    latestRun(taskId: string): LatestRun | null {
      const row = latestRun.get(taskId);
      if (!row) return null;
      return { id: row.id, status: row.status as RunStatus, costUsd: row.cost_usd, finishedAt: row.finished_at };
    },
  };
}
