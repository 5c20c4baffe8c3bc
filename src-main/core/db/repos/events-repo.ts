// The events table: the activity timeline, append-only apart from the read flag.
import type { Database } from 'better-sqlite3';
import type { TimelineEvent } from '../../model/types';
import { Redactor } from '../../lib/redact';
import { parseJson } from './json';
import { inChunks, rowsStatements } from '../statements';

interface EventRow {
  id: number;
  type: string;
  task_id: string | null;
  run_id: string | null;
  summary: string;
  payload: string;
  read: number;
  created_at: number;
}

export interface NewEvent {
  type: string;
  taskId?: string | null;
  runId?: string | null;
  summary: string;
  payload?: Record<string, unknown>;
}

function toEvent(row: EventRow): TimelineEvent {
  return {
    id: row.id,
    type: row.type,
    taskId: row.task_id,
    runId: row.run_id,
    summary: row.summary,
    payload: parseJson<Record<string, unknown>>(row.payload) ?? {},
    read: row.read === 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Summaries and payloads are masked as they are written. */
export function createEventsRepo(db: Database, redactor: Redactor = new Redactor()) {
  const insertStmt = db.prepare(
    'INSERT INTO events (type, task_id, run_id, summary, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  /** An event's row, masked, in the inserts' column order. */
  const rowOf = (event: NewEvent, now: number): unknown[] => [
    event.type,
    event.taskId ?? null,
    event.runId ?? null,
    redactor.text(event.summary),
    redactor.json(event.payload ?? {}),
    now,
  ];
  const insertRows = rowsStatements(db, {
    head: 'INSERT INTO events (type, task_id, run_id, summary, payload, created_at)',
    width: 6,
  });
  return {
    append(event: NewEvent, now: number): number {
      return Number(insertStmt.run(...rowOf(event, now)).lastInsertRowid);
    },
    /** Appends events a chunk of rows per statement, in order: a burst records one per run it queues. */
    appendMany(events: readonly NewEvent[], now: number): void {
      inChunks(events, (chunk) => insertRows(chunk.length).run(chunk.flatMap((event) => rowOf(event, now))));
    },
    list(filter: {
      taskId?: string;
      types?: string[];
      unreadOnly: boolean;
      beforeId?: number;
      limit: number;
    }): TimelineEvent[] {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit };
      if (filter.taskId) {
        where.push('task_id = @taskId');
        params.taskId = filter.taskId;
      }
      if (filter.types?.length) {
        filter.types.forEach((t, i) => (params[`type${i}`] = t));
        where.push(`type IN (${filter.types.map((_, i) => `@type${i}`).join(', ')})`);
      }
      if (filter.unreadOnly) where.push('read = 0');
      if (filter.beforeId) {
        where.push('id < @beforeId');
        params.beforeId = filter.beforeId;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return (db.prepare(`SELECT * FROM events ${clause} ORDER BY id DESC LIMIT @limit`).all(params) as EventRow[]).map(
        toEvent,
      );
    },
    /** True once the 80% warning of this budget and period is on the timeline. */
    budgetWarned(key: string): boolean {
      return (
        db
          .prepare(`SELECT 1 FROM events WHERE type = 'budget:warning' AND json_extract(payload, '$.key') = ?`)
          .get(key) !== undefined
      );
    },
    markRead(ids: number[]): number {
      const stmt = db.prepare('UPDATE events SET read = 1 WHERE id = ? AND read = 0');
      return ids.reduce((n, id) => n + stmt.run(id).changes, 0);
    },
    markAllRead(): number {
      return db.prepare('UPDATE events SET read = 1 WHERE read = 0').run().changes;
    },
    unreadCount(): number {
      return db.prepare('SELECT count(*) FROM events WHERE read = 0').pluck().get() as number;
    },
  };
}
