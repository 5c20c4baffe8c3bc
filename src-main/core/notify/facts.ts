// What the notification centre reads from the database to word and decide a notification: the
// task's title and notification policy, whether a failed run is retried, and the question a run
// waits on.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/statements';

export interface TaskFacts {
  title: string;
  /** tasks.notification_policy as stored (JSON text). */
  notificationPolicy: string;
}

export interface PendingApproval {
  id: string;
  question: string;
  /** 'uncertainty' when the run's own checks halted it; 'approval_step' when a step asked. */
  kind: 'uncertainty' | 'approval_step';
}

export interface NotificationFacts {
  task(taskId: string): TaskFacts | undefined;
  /** True when the run's failure queued another attempt: the user hears of the last one only. */
  isRetried(runId: string): boolean;
  pendingApproval(runId: string): PendingApproval | undefined;
}

export function databaseFacts(db: Database): NotificationFacts {
  return {
    task: (taskId) =>
      statement<[string], { title: string; notificationPolicy: string }>(
        db,
        'SELECT title, notification_policy AS notificationPolicy FROM tasks WHERE id = ?',
      ).get(taskId),
    isRetried: (runId) =>
      statement(db, 'SELECT EXISTS (SELECT 1 FROM runs WHERE retry_of = ?)').pluck().get(runId) === 1,
    pendingApproval: (runId) => {
      const row = statement<[string], { id: string; question: string; kind: string | null }>(
        db,
        `SELECT id, question, json_extract(context, '$.kind') AS kind FROM approvals
         WHERE run_id = ? AND status = 'pending' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ).get(runId);
      if (!row) return undefined;
      return { id: row.id, question: row.question, kind: row.kind === 'uncertainty' ? 'uncertainty' : 'approval_step' };
    },
  };
}
