// Run history for the board: a task's runs, or all runs, newest first, filtered by status, trigger
// and queued time, paged by offset or by a cursor that stays put while new runs arrive on top.
import type { Database } from 'better-sqlite3';
import type { RunStatus, RunTrigger } from '../../model/types';

export interface RunListFilter {
  taskId?: string;
  status?: RunStatus[];
  trigger?: RunTrigger[];
  /** Queued at or after this instant (ms). */
  fromMs?: number;
  /** Queued before this instant (ms). */
  toMs?: number;
  /** The nextCursor of the previous page; when given, offset is not used. */
  cursor?: string;
  limit: number;
  offset: number;
}

const CURSOR = /^(\d+):(.+)$/;

/** "queuedAt:id" of the last run of a page: the next page starts just after it in list order. */
export function runCursor(run: { queuedAt: number; id: string }): string {
  return `${run.queuedAt}:${run.id}`;
}

export function parseRunCursor(cursor: string): { queuedAt: number; id: string } | null {
  const match = CURSOR.exec(cursor);
  return match ? { queuedAt: Number(match[1]), id: match[2]! } : null;
}

function inList(column: string, prefix: string, values: readonly string[], params: Record<string, unknown>): string {
  values.forEach((v, i) => (params[`${prefix}${i}`] = v));
  return `${column} IN (${values.map((_, i) => `@${prefix}${i}`).join(', ')})`;
}

function filterClause(filter: RunListFilter, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (filter.taskId) {
    where.push('task_id = @taskId');
    params.taskId = filter.taskId;
  }
  if (filter.status?.length) where.push(inList('status', 's', filter.status, params));
  if (filter.trigger?.length) where.push(inList('trigger', 't', filter.trigger, params));
  if (filter.fromMs !== undefined) {
    where.push('queued_at >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    where.push('queued_at < @toMs');
    params.toMs = filter.toMs;
  }
  return where;
}

export function listRunIds(
  db: Database,
  filter: RunListFilter,
): { ids: string[]; total: number; nextCursor: string | null } {
  const params: Record<string, unknown> = {};
  const where = filterClause(filter, params);
  const total = db
    .prepare(`SELECT count(*) FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
    .pluck()
    .get(params) as number;

  const after = filter.cursor === undefined ? null : parseRunCursor(filter.cursor);
  if (after) {
    // The list order is queued_at DESC, id ASC; the cursor row itself is not repeated.
    where.push('(queued_at < @cursorAt OR (queued_at = @cursorAt AND id > @cursorId))');
    params.cursorAt = after.queuedAt;
    params.cursorId = after.id;
  }
  params.limit = filter.limit + 1;
  params.offset = after ? 0 : filter.offset;
  const rows = db
    .prepare(
      `SELECT id, queued_at AS queuedAt FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY queued_at DESC, id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as { id: string; queuedAt: number }[];
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { ids: page.map((r) => r.id), total, nextCursor: rows.length > filter.limit && last ? runCursor(last) : null };
}
