// Run history for the board: a task's runs, or all runs, newest first, filtered by status.
import type { Database } from 'better-sqlite3';
import type { RunStatus } from '../../model/types';

export interface RunListFilter {
  taskId?: string;
  status?: RunStatus[];
  limit: number;
  offset: number;
}

export function listRunIds(db: Database, filter: RunListFilter): { ids: string[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
  if (filter.taskId) {
    where.push('task_id = @taskId');
    params.taskId = filter.taskId;
  }
  if (filter.status?.length) {
    where.push(`status IN (${filter.status.map((_, i) => `@s${i}`).join(', ')})`);
    filter.status.forEach((s, i) => (params[`s${i}`] = s));
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM runs ${clause}`).pluck().get(params) as number;
  const ids = db
    .prepare(`SELECT id FROM runs ${clause} ORDER BY queued_at DESC, id LIMIT @limit OFFSET @offset`)
    .pluck()
    .all(params) as string[];
  return { ids, total };
}
