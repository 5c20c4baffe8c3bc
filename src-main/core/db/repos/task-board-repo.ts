// The board's reads of tasks and runs: where each task stands (kept up to date, so column counts are
// true totals without reading every run), the ids a board view selects, and a task's latest run.
import type { Database, Statement } from 'better-sqlite3';
import type { Priority, RunStatus, TaskStatus } from '../../model/types';
import { priorityToNumber } from './tasks-repo';
import { createTaskSummaries } from './task-summaries';
import { createBoardFacts } from './board-facts';

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

function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createTaskBoardRepo(db: Database) {
  const latestRun = db.prepare<[string], { id: string; status: string; cost_usd: number; finished_at: number | null }>(
    `SELECT id, status, cost_usd, finished_at FROM runs WHERE task_id = ? ORDER BY queued_at DESC LIMIT 1`,
  );

  const boardFacts = createBoardFacts(db);
  const summaries = createTaskSummaries(db, boardFacts.runMs);
  // A page of a view is read with LIMIT, so an order without an index keeps only the top rows
  // instead of sorting every task; what a view needs past it is read lazily, row by row.
  const inOrder = (sql: (order: string) => string) =>
    Object.fromEntries(
      Object.entries(orderBy).map(([sort, order]) => [sort, db.prepare<[number], string>(sql(order)).pluck()]),
    ) as Record<BoardFilter['sort'], Statement<[number], string>>;
  const firstIds = inOrder((order) => `SELECT t.id FROM tasks t ORDER BY ${order} LIMIT ?`);
  const laterIds = inOrder((order) => `SELECT t.id FROM tasks t ORDER BY ${order} LIMIT -1 OFFSET ?`);

  return {
    /** What a list shows of each of these tasks, in the order given. */
    summaries,

    /** Where every task stands on the board (db/repos/board-facts.ts). */
    placements: boardFacts.placements,

    /**
     * Every task's id in a view's order, the first `first` read at once (when the caller knows how
     * many it takes at least) and the rest as asked for.
     */
    *idsInOrder(sort: BoardFilter['sort'], first = 0): Generator<string> {
      const head = first > 0 ? firstIds[sort].all(first) : [];
      yield* head;
      if (head.length === first) yield* laterIds[sort].iterate(first);
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
