import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../src-main/core/model/types';
import type { NotificationFacts } from '../../../../src-main/core/notify/facts';
import { runNotification } from '../../../../src-main/core/notify/run-notification';

const FINISHED = Date.parse('2026-11-23T15:31:00Z');

const run: Run = {
  id: 'r1',
  taskId: 't1',
  trigger: 'schedule',
  scheduledFor: '2026-11-23T15:30:00.000Z',
  status: 'succeeded',
  attempt: 1,
  queuedAt: '2026-11-23T15:30:00.000Z',
  startedAt: '2026-11-23T15:30:00.000Z',
  finishedAt: new Date(FINISHED).toISOString(),
  error: null,
  costUsd: 0.02,
  inputTokens: 0,
  outputTokens: 0,
};

function facts(reads: string[]): NotificationFacts {
  return {
    task: (id) => {
      reads.push(id);
      return { title: 'Morning briefing', notificationPolicy: '{}' };
    },
    isRetried: () => false,
    pendingApproval: () => undefined,
  };
}

describe('runNotification', () => {
  it('words a success only when the settings and the task would show it', () => {
    const reads: string[] = [];
    const asked: Array<string | undefined> = [];
    const context = { facts: facts(reads), now: FINISHED, timeZone: 'America/Denver' };
    const unwanted = runNotification(run, {
      ...context,
      wanted: (kind, task) => {
        asked.push(`${kind}:${task?.title}`);
        return false;
      },
    });
    expect(unwanted).toBeUndefined();
    expect(asked).toEqual(['run_succeeded:Morning briefing']);
    const told = runNotification(run, { ...context, wanted: () => true });
    expect(told?.notification).toMatchObject({ kind: 'run_succeeded', runId: 'r1', taskId: 't1' });
    expect(`${told?.notification.title} ${told?.notification.body}`).toMatch(/Morning briefing.*8:31 AM MST/);
  });
});
