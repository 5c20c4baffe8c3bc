// Queued runs held back by their task's run conditions (runs.condition_reason, migration 0011).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

export interface ConditionWait {
  runId: string;
  taskId: string;
  reason: string;
  /** The task's stored conditions (JSON object). */
  conditions: string;
}

/** The task's stored conditions (JSON object), or '{}' when the task is gone. */
function taskConditionsJson(db: Database, taskId: string): string {
  return (statement(db, 'SELECT conditions FROM tasks WHERE id = ?').pluck().get(taskId) as string | undefined) ?? '{}';
}

function setConditionReason(db: Database, runId: string, reason: string | null): void {
  statement(db, 'UPDATE runs SET condition_reason = ? WHERE id = ?').run(reason, runId);
}

function listConditionWaits(db: Database): ConditionWait[] {
  return statement<[], ConditionWait>(
    db,
    `SELECT r.id AS runId, r.task_id AS taskId, r.condition_reason AS reason, t.conditions
     FROM runs r JOIN tasks t ON t.id = r.task_id
     WHERE r.status = 'queued' AND r.condition_reason IS NOT NULL`,
  ).all();
}

/** Held runs that are no longer queued (cancelled while waiting) keep no reason. */
function clearFinishedConditionReasons(db: Database): void {
  statement(
    db,
    `UPDATE runs SET condition_reason = NULL WHERE condition_reason IS NOT NULL AND status <> 'queued'`,
  ).run();
}

function anyConditionWaits(db: Database): boolean {
  return (
    statement(db, `SELECT EXISTS (SELECT 1 FROM runs WHERE status = 'queued' AND condition_reason IS NOT NULL)`)
      .pluck()
      .get() === 1
  );
}

export function createConditionWaitsRepo(db: Database) {
  return {
    taskConditionsJson: (taskId: string): string => taskConditionsJson(db, taskId),
    setReason: (runId: string, reason: string | null): void => setConditionReason(db, runId, reason),
    list: (): ConditionWait[] => listConditionWaits(db),
    clearFinished: (): void => clearFinishedConditionReasons(db),
    any: (): boolean => anyConditionWaits(db),
  };
}
