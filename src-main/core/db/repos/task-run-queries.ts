// The tasks table as runs see it: the title for timeline summaries, the retry policy, the status
// the run state machine writes, the phase a step moves to, and what a run and a notification read.
import type { Database } from 'better-sqlite3';
import type { TaskProgress } from '../../model/task-progress';
import { statement } from '../statements';

const RETURNING_PROGRESS =
  'RETURNING id, status, current_phase AS currentPhase, last_error AS lastError, updated_at AS updatedAt';
type ProgressRow = Omit<TaskProgress, 'updatedAt'> & { updatedAt: number };

const progressOf = (row: ProgressRow | undefined): TaskProgress | undefined =>
  row && { ...row, updatedAt: new Date(row.updatedAt).toISOString() };

export function createTaskRunQueries(db: Database) {
  /** `UPDATE tasks SET <assignments>`, and what it changed (undefined when no row matched). */
  const update = (assignments: string, ...values: unknown[]): TaskProgress | undefined =>
    progressOf(
      statement<unknown[], ProgressRow>(db, `UPDATE tasks SET ${assignments} ${RETURNING_PROGRESS}`).get(...values),
    );
  return {
    /** The task's title, or its id when it is gone: for timeline summaries. */
    titleOf(id: string): string {
      return (statement(db, 'SELECT title FROM tasks WHERE id = ?').pluck().get(id) as string | undefined) ?? id;
    },
    /** The stored retry policy JSON, unparsed. */
    retryPolicyJson(id: string): unknown {
      return statement(db, 'SELECT retry_policy FROM tasks WHERE id = ?').pluck().get(id);
    },
    /**
     * Writes the task's status as its runs move it (queue/transitions.ts decides which); 'idle' is
     * 'scheduled' or 'pending' by whether a next run is due. Returns what changed, or undefined when
     * no row did.
     */
    setStatus(id: string, change: TaskStatusChange, now: number): TaskProgress | undefined {
      switch (change.status) {
        case 'running':
          return update(`status = 'running', started_at = ?, updated_at = ? WHERE id = ?`, now, now, id);
        case 'complete':
          return update(
            `status = 'complete', completed_at = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
            now,
            now,
            id,
          );
        case 'idle':
          return update(
            `status = CASE WHEN next_run_at IS NULL THEN 'pending' ELSE 'scheduled' END, updated_at = ? WHERE id = ?`,
            now,
            id,
          );
        case 'failed':
          return update(
            `status = 'failed', last_error = ?, completed_at = ?, updated_at = ? WHERE id = ?`,
            change.lastError,
            now,
            now,
            id,
          );
        case 'halted':
          return update(`status = 'halted', last_error = ?, updated_at = ? WHERE id = ?`, change.lastError, now, id);
      }
    },
    /** The task's current_phase follows its running step; what changed, or undefined when it did not. */
    followPhase(id: string, phase: string, now: number): TaskProgress | undefined {
      return update(`current_phase = ?, updated_at = ? WHERE id = ? AND current_phase IS NOT ?`, phase, now, id, phase);
    },
    /** The task and its project as a run reads them when it starts. */
    runTaskRow(id: string): RunTaskRow | undefined {
      return statement<[string], RunTaskRow>(
        db,
        `SELECT t.id, t.title, t.task_type AS taskType, t.success_criteria AS successCriteria, t.budget_usd AS budgetUsd,
            t.pipeline, t.timeout_ms AS timeoutMs, t.project_id AS projectId,
            p.name AS projectName, p.work_dir AS workDir, p.repo_url AS repoUrl, p.config AS projectConfig
       FROM tasks t LEFT JOIN projects p ON p.id = t.project_id WHERE t.id = ?`,
      ).get(id);
    },
    /** What a notification about the task needs: its title and stored notification policy. */
    notificationFacts(id: string): { title: string; notificationPolicy: string } | undefined {
      return statement<[string], { title: string; notificationPolicy: string }>(
        db,
        'SELECT title, notification_policy AS notificationPolicy FROM tasks WHERE id = ?',
      ).get(id);
    },
  };
}

export type TaskStatusChange =
  { status: 'running' | 'complete' | 'idle' } | { status: 'failed' | 'halted'; lastError: string | null };

export interface RunTaskRow {
  id: string;
  title: string;
  taskType: string;
  successCriteria: string;
  budgetUsd: number | null;
  pipeline: string;
  timeoutMs: number | null;
  projectId: string | null;
  projectName: string | null;
  workDir: string | null;
  repoUrl: string | null;
  projectConfig: string | null;
}
