// Which notification a run's new state calls for, worded for the display timezone. Succeeded,
// failed, timed out, halted and awaiting approval speak; queued, running and cancelled (the user's
// own doing) do not, and a failure that queued another attempt waits for that attempt. A run that
// waits on an approval its own checks raised is "halted"; one a step asked for is "approval needed".
// The key names the occasion (kind, run and approval), so an update published twice is told once.
import type { Run } from '../model/types';
import type { Notification } from '../ports';
import { msAt } from '../lib/time-format';
import type { NotificationFacts, TaskFacts } from './facts';
import { approvalNeededText, runFailedText, runHaltedText, runSucceededText } from './texts';

export interface RunNotification {
  notification: Notification;
  key: string;
  /** The task as read for the text, so the policy check need not read it again. */
  task: TaskFacts | undefined;
}

export interface RunNotificationContext {
  facts: NotificationFacts;
  now: number;
  timeZone: string;
  /**
   * Whether the settings and the task's policy would show this kind at all: a success nobody asked
   * to hear of (the default) is not worded, its times not formatted, for every run that succeeds.
   */
  wanted?: (kind: Notification['kind'], task: TaskFacts | undefined) => boolean;
}

export function runNotification(run: Run, context: RunNotificationContext): RunNotification | undefined {
  const { facts, now, timeZone } = context;
  // Most updates (queued, running) say nothing: decided before any lookup.
  if (run.status === 'queued' || run.status === 'running' || run.status === 'cancelled' || run.status === 'skipped') {
    return undefined;
  }
  const task = facts.task(run.taskId);
  const taskTitle = task?.title ?? 'A task';
  const ids = { runId: run.id, taskId: run.taskId };
  // The run as published carries its own times (ISO, to the millisecond): no second read.
  const at = msAt(run.finishedAt) ?? now;
  const startedAt = msAt(run.startedAt);
  const told = (notification: Notification, occasion = ''): RunNotification => ({
    notification,
    key: `${notification.kind}:${run.id}:${occasion}`,
    task,
  });
  switch (run.status) {
    case 'succeeded':
      if (context.wanted && !context.wanted('run_succeeded', task)) return undefined;
      return told({
        kind: 'run_succeeded',
        ...runSucceededText({ taskTitle, at, timeZone, startedAt, costUsd: run.costUsd }),
        ...ids,
      });
    case 'failed':
    case 'timed_out':
      if (facts.isRetried(run.id)) return undefined;
      return told({
        kind: 'run_failed',
        ...runFailedText({
          taskTitle,
          at,
          timeZone,
          error: run.error?.error ?? null,
          attempt: run.attempt,
          timedOut: run.status === 'timed_out',
        }),
        ...ids,
      });
    case 'halted':
    case 'awaiting_approval': {
      const approval = facts.pendingApproval(run.id);
      if (approval?.kind === 'approval_step') {
        return told(
          {
            kind: 'approval_needed',
            ...approvalNeededText({ taskTitle, at: now, timeZone, question: approval.question }),
            ...ids,
            approvalId: approval.id,
          },
          approval.id,
        );
      }
      return told(
        {
          kind: 'run_halted',
          ...runHaltedText({
            taskTitle,
            at: now,
            timeZone,
            reason: run.error?.reason ?? null,
            error: run.error?.error ?? null,
          }),
          ...ids,
          ...(approval ? { approvalId: approval.id } : {}),
        },
        approval?.id,
      );
    }
    default: {
      const unknown: never = run.status;
      return unknown;
    }
  }
}
