// A task's memory between runs: its progress log (task_progress) and its shared context, a JSON
// document kept as numbered versions (task_context_versions). Secrets are masked as they are written.
import type { Database } from 'better-sqlite3';
import { Redactor } from '../../lib/redact';
import { statement } from '../statements';

export interface ProgressEntry {
  id: number;
  taskId: string;
  runId: string | null;
  stepId: string | null;
  percent: number | null;
  message: string;
  createdAt: number;
}

export interface NewProgress {
  taskId: string;
  runId: string | null;
  stepId: string | null;
  percent: number | null;
  message: string;
}

export interface ContextVersion {
  version: number;
  document: Record<string, unknown>;
  runId: string | null;
  stepId: string | null;
  createdAt: number;
}

export interface NewContextVersion {
  taskId: string;
  document: Record<string, unknown>;
  runId: string | null;
  stepId: string | null;
}

interface ContextRow {
  version: number;
  document: string;
  runId: string | null;
  stepId: string | null;
  createdAt: number;
}

const CONTEXT_COLUMNS = 'version, document, run_id AS runId, step_id AS stepId, created_at AS createdAt';

function toVersion(row: ContextRow): ContextVersion {
  return { ...row, document: JSON.parse(row.document) as Record<string, unknown> };
}

export function createTaskMemoryRepo(db: Database, redactor: Redactor = new Redactor()) {
  return {
    appendProgress(entry: NewProgress, now: number): ProgressEntry {
      const message = redactor.text(entry.message);
      const result = statement(
        db,
        `INSERT INTO task_progress (task_id, run_id, step_id, percent, message, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(entry.taskId, entry.runId, entry.stepId, entry.percent, message, now);
      return { ...entry, message, id: Number(result.lastInsertRowid), createdAt: now };
    },

    /** The newest `limit` entries of a task (or of one of its runs), oldest first. */
    listProgress(filter: { taskId: string; runId?: string; limit: number }): ProgressEntry[] {
      const rows = statement<unknown[], ProgressEntry>(
        db,
        `SELECT id, task_id AS taskId, run_id AS runId, step_id AS stepId, percent, message, created_at AS createdAt
         FROM task_progress WHERE task_id = ? AND (? IS NULL OR run_id = ?) ORDER BY id DESC LIMIT ?`,
      ).all(filter.taskId, filter.runId ?? null, filter.runId ?? null, filter.limit);
      return rows.reverse();
    },

    latestContext(taskId: string): ContextVersion | null {
      const row = statement<unknown[], ContextRow>(
        db,
        `SELECT ${CONTEXT_COLUMNS} FROM task_context_versions WHERE task_id = ? ORDER BY version DESC LIMIT 1`,
      ).get(taskId);
      return row ? toVersion(row) : null;
    },

    /**
     * The context a run reads: the newest version written before the run's own first write, so a
     * resumed run renders the same inputs as before it was interrupted.
     */
    contextBeforeRun(taskId: string, runId: string): ContextVersion | null {
      const row = statement<unknown[], ContextRow>(
        db,
        `SELECT ${CONTEXT_COLUMNS} FROM task_context_versions
         WHERE task_id = ? AND version < coalesce(
           (SELECT min(version) FROM task_context_versions WHERE task_id = ? AND run_id = ?), 9223372036854775807)
         ORDER BY version DESC LIMIT 1`,
      ).get(taskId, taskId, runId);
      return row ? toVersion(row) : null;
    },

    /** Appends the next version; call inside a write transaction so two writers cannot share a number. */
    writeContext(entry: NewContextVersion, now: number): ContextVersion {
      const latest = statement(db, 'SELECT max(version) FROM task_context_versions WHERE task_id = ?')
        .pluck()
        .get(entry.taskId) as number | null;
      const version = (latest ?? 0) + 1;
      const text = redactor.json(entry.document);
      statement(
        db,
        `INSERT INTO task_context_versions (task_id, version, document, run_id, step_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(entry.taskId, version, text, entry.runId, entry.stepId, now);
      return toVersion({ version, document: text, runId: entry.runId, stepId: entry.stepId, createdAt: now });
    },

    /** Versions newest first, at most `limit`. */
    listContextVersions(taskId: string, limit: number): ContextVersion[] {
      return statement<unknown[], ContextRow>(
        db,
        `SELECT ${CONTEXT_COLUMNS} FROM task_context_versions WHERE task_id = ? ORDER BY version DESC LIMIT ?`,
      )
        .all(taskId, limit)
        .map(toVersion);
    },
  };
}

export type TaskMemoryRepo = ReturnType<typeof createTaskMemoryRepo>;
