// What the notification centre reads from the database to word and decide a notification: the
// task's title and notification policy, whether a failed run is retried, and the question a run
// waits on.
import type { Store } from '../store';

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

export function databaseFacts({
  tasks,
  runs,
  approvals,
}: Pick<Store, 'tasks' | 'runs' | 'approvals'>): NotificationFacts {
  return {
    task: (taskId) => tasks.notificationFacts(taskId),
    isRetried: (runId) => runs.hasRetry(runId),
    pendingApproval: (runId) => {
      const row = approvals.pendingFor(runId);
      if (!row) return undefined;
      return { id: row.id, question: row.question, kind: row.kind === 'uncertainty' ? 'uncertainty' : 'approval_step' };
    },
  };
}
