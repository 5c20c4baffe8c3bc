// Run history for the board: a task's runs, or all runs, newest first, filtered by status, trigger
// and queued time, paged by offset or by a cursor that stays put while new runs arrive on top.
import type { Database } from 'better-sqlite3';
import type { RunError, RunStatus, RunSummary, RunTrigger } from '../../model/types';
import { isoOrNull, parseJson } from './json';
import { createStampedMemo } from './change-stamp';

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

// A list row shows the start of an error; runs.get gives all of it.
const SHOWN_ERROR_CHARS = 200;

interface SummaryRow {
  id: string;
  taskId: string;
  trigger: RunTrigger;
  status: RunStatus;
  attempt: number;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  costUsd: number;
  error: string | null;
}

function toSummary(row: SummaryRow): RunSummary {
  const error = row.error === null ? null : parseJson<RunError>(row.error);
  return {
    id: row.id,
    taskId: row.taskId,
    trigger: row.trigger,
    status: row.status,
    attempt: row.attempt,
    queuedAt: isoOrNull(row.queuedAt)!,
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    costUsd: row.costUsd,
    error: error && {
      ...error,
      error: error.error.length > SHOWN_ERROR_CHARS ? `${error.error.slice(0, SHOWN_ERROR_CHARS - 1)}…` : error.error,
    },
  };
}

/**
 * The view's total, remembered until the next write: counting every run reads a whole index
 * (about 30 ms at a million runs), where the page itself reads 101 rows.
 */
export function createRunTotals(db: Database) {
  const remembered = createStampedMemo<number>(db);
  return (where: string[], params: Record<string, unknown>): number => {
    const sql = `SELECT count(*) FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return remembered(`${sql}\u0000${JSON.stringify(params)}`, () => db.prepare(sql).pluck().get(params) as number);
  };
}

/** One page of runs as lists show them, the view's total, and the cursor of the page after it. */
export function listRuns(
  db: Database,
  filter: RunListFilter,
  totalOf: ReturnType<typeof createRunTotals>,
): { items: RunSummary[]; total: number; nextCursor: string | null } {
  const params: Record<string, unknown> = {};
  const where = filterClause(filter, params);
  const total = totalOf(where, params);

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
      `SELECT id, task_id AS taskId, trigger, status, attempt, queued_at AS queuedAt, started_at AS startedAt,
         finished_at AS finishedAt, cost_usd AS costUsd, error
       FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY queued_at DESC, id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as SummaryRow[];
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    total,
    nextCursor: rows.length > filter.limit && last ? runCursor(last) : null,
  };
}
