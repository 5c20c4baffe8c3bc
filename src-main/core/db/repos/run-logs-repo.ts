// The run_logs table: append-only lines per run and step, read incrementally by the live log view.
import type { Database } from 'better-sqlite3';

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface RunLogLine {
  id: number;
  runId: string;
  stepId: string | null;
  stream: LogStream;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  loggedAt: number;
}

export function createRunLogsRepo(db: Database) {
  const insert = db.prepare(
    'INSERT INTO run_logs (run_id, step_id, stream, level, message, logged_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    append(line: Omit<RunLogLine, 'id'>): number {
      return Number(
        insert.run(line.runId, line.stepId, line.stream, line.level, line.message, line.loggedAt).lastInsertRowid,
      );
    },
    /** Appends a batch in the caller's transaction; returns the lines with their ids. */
    appendMany(lines: ReadonlyArray<Omit<RunLogLine, 'id'>>): RunLogLine[] {
      return lines.map((line) => ({
        ...line,
        id: Number(
          insert.run(line.runId, line.stepId, line.stream, line.level, line.message, line.loggedAt).lastInsertRowid,
        ),
      }));
    },
    /** Lines after `afterId`, oldest first: a live view polls with the last id it has. */
    listForRun(runId: string, afterId = 0, limit = 1000): RunLogLine[] {
      return db
        .prepare(
          `SELECT id, run_id AS runId, step_id AS stepId, stream, level, message, logged_at AS loggedAt
           FROM run_logs WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?`,
        )
        .all(runId, afterId, limit) as RunLogLine[];
    },
  };
}
