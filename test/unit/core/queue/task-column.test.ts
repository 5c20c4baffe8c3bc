import { describe, expect, it } from 'vitest';
import { taskColumn, type QueuedRunFacts, type TaskRunFacts } from '../../../../src-main/core/model/task-column';

const NOW = Date.parse('2026-11-23T15:30:00Z');
const idle: TaskRunFacts = {
  scheduleKind: 'cron',
  hasNextRun: true,
  paused: false,
  runningRuns: 0,
  attentionRuns: 0,
  queued: null,
  lastEndedStatus: null,
};
const queued: QueuedRunFacts = { waitingReason: null, blockedReason: null, nextAttemptAt: null };

describe('taskColumn', () => {
  it('puts an idle task with a next run in Scheduled', () => {
    expect(taskColumn(idle, NOW)).toEqual({ column: 'scheduled', waitingReason: null });
  });

  it('keeps a recurring task whose latest run succeeded in Scheduled, never Done', () => {
    for (const scheduleKind of ['cron', 'rrule', 'interval'] as const) {
      expect(taskColumn({ ...idle, scheduleKind, lastEndedStatus: 'succeeded' }, NOW).column).toBe('scheduled');
    }
  });

  it('puts a one-off or manual task whose latest run succeeded in Done', () => {
    for (const scheduleKind of ['once', 'manual'] as const) {
      expect(taskColumn({ ...idle, scheduleKind, hasNextRun: false, lastEndedStatus: 'succeeded' }, NOW).column).toBe(
        'done',
      );
    }
  });

  it('puts a task whose latest run failed or timed out in Failed, and a cancelled one back in Scheduled', () => {
    expect(taskColumn({ ...idle, lastEndedStatus: 'failed' }, NOW).column).toBe('failed');
    expect(taskColumn({ ...idle, lastEndedStatus: 'timed_out' }, NOW).column).toBe('failed');
    expect(taskColumn({ ...idle, lastEndedStatus: 'cancelled' }, NOW).column).toBe('scheduled');
  });

  it('puts a task with a running run in Running, even after a failure', () => {
    expect(taskColumn({ ...idle, runningRuns: 1, lastEndedStatus: 'failed' }, NOW).column).toBe('running');
  });

  it('puts a run awaiting approval or halted ahead of everything else, in Needs attention', () => {
    expect(taskColumn({ ...idle, attentionRuns: 1, runningRuns: 1, queued }, NOW).column).toBe('attention');
  });

  it('says why a queued run waits: a failed dependency, the gate, a retry, a pause or the limits', () => {
    const reason = (q: Partial<QueuedRunFacts>, paused = false) =>
      taskColumn({ ...idle, paused, queued: { ...queued, ...q } }, NOW);
    expect(reason({ blockedReason: 'Blocked: "Build" failed at 8:30 AM MST' })).toEqual({
      column: 'waiting',
      waitingReason: 'Blocked: "Build" failed at 8:30 AM MST',
    });
    expect(reason({ waitingReason: 'Waiting for Build to succeed' }).waitingReason).toBe(
      'Waiting for Build to succeed',
    );
    expect(reason({ nextAttemptAt: NOW + 60_000 }).waitingReason).toBe('Retrying after a failed attempt');
    expect(reason({ nextAttemptAt: NOW - 1 }).waitingReason).toBe(
      'Queued for a free slot under the concurrency limits',
    );
    expect(reason({}, true).waitingReason).toBe('Queued while the task is paused');
  });
});
