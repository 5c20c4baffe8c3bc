// A run moves its task (running, the step's phase, complete or failed): each move is pushed as
// 'task:progress' with what changed, and agrees with the task read afterwards. The whole task is
// not read again for it.
import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../../src-main/core/api/contract';
import type { TaskProgress } from '../../../../src-main/core/model/task-progress';
import { addTask, drain, queueRun, runStatus, startedQueue, type Queue } from './worker-harness';

function progressOf(q: Queue, taskId: string): TaskProgress[] {
  return q.pushed
    .filter((m): m is PushMessage<'task:progress'> => m.event === 'task:progress')
    .map((m) => m.data.task)
    .filter((t) => t.id === taskId);
}

describe("a run's task progress", () => {
  it('pushes running, the phase its step enters, then complete, and never the whole task', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      pipeline: { steps: [{ id: 'draft', uses: 'wait', phase: 'drafting', with: { ms: 0 } }] },
    });
    const run = queueRun(q, task);
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');

    const progress = progressOf(q, task);
    expect(progress.map((p) => [p.status, p.currentPhase])).toEqual([
      ['running', null],
      ['running', 'drafting'],
      ['complete', 'drafting'],
    ]);
    const stored = q.store.tasks.get(task)!;
    expect(progress.at(-1)).toEqual({
      id: task,
      status: stored.status,
      currentPhase: stored.currentPhase,
      lastError: stored.lastError,
      updatedAt: stored.updatedAt,
    });
    expect(q.pushed.filter((m) => m.event === 'task:updated')).toEqual([]);
  });

  it('pushes failed with the error the task keeps', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      pipeline: {
        steps: [{ id: 'broken', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(3)'] } }],
      },
      retryPolicy: { maxAttempts: 1 },
    });
    const run = queueRun(q, task);
    await drain(q);
    expect(runStatus(q, run)).toBe('failed');

    const last = progressOf(q, task).at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.lastError).toMatch(/exit/i);
    expect(last.lastError).toBe(q.store.tasks.get(task)!.lastError);
  });
});
