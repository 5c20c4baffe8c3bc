import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetails } from '../../../../src-main/core/queue/status';
import { addTask, appendStep, drain, queueRun, runStatus, startedQueue } from './worker-harness';

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('the worker runs pipelines', () => {
  it('runs shell steps in order, checkpoints each, and streams their output to run_logs', async () => {
    const q = startedQueue();
    const file = join(q.dir, 'counter');
    const task = addTask(q, {
      pipeline: {
        steps: [
          appendStep('one', file, 'a'),
          { id: 'say', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'console.log("hello from say")'] } },
          appendStep('two', file, 'b'),
        ],
      },
    });
    const run = queueRun(q, task);
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');
    expect(read(file)).toBe('ab');
    const details = runDetails(q.store, run);
    expect(details.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['one', 'complete'],
      ['say', 'complete'],
      ['two', 'complete'],
    ]);
    expect(details.steps[1]?.output).toMatchObject({ exit_code: 0, stdout: 'hello from say\n' });
    expect(details.logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ stepId: 'say', stream: 'stdout', message: 'hello from say' })]),
    );
    expect(q.pushed.some((m) => m.event === 'run:log' && m.data.runId === run)).toBe(true);
    expect(q.store.tasks.get(task)?.status).toBe('complete');
  });

  it('succeeds at once with no steps', async () => {
    const q = startedQueue();
    const run = queueRun(q, addTask(q));
    await drain(q);
    expect(q.store.runs.get(run)).toMatchObject({ status: 'succeeded', error: null });
  });

  it('publishes run:updated and records a timeline event for every state change', async () => {
    const q = startedQueue();
    const run = queueRun(q, addTask(q, { title: 'Tidy' }));
    await drain(q);
    const statuses = q.pushed
      .filter((m) => m.event === 'run:updated')
      .map((m) => (m.data as { run: { status: string } }).run.status);
    expect(statuses).toEqual(['running', 'succeeded']);
    const types = q.store.db.prepare('SELECT type FROM events WHERE run_id = ? ORDER BY id').pluck().all(run);
    expect(types).toEqual(['run:started', 'run:succeeded']);
  });

  it('fails at once on a permanent error: no step retry, no new attempt', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      pipeline: {
        steps: [
          {
            id: 'exit3',
            uses: 'shell.exec',
            retry: { max_attempts: 3 },
            with: { argv: [process.execPath, '-e', 'process.exit(3)'], permanent_exit_codes: [3] },
          },
        ],
      },
    });
    const run = queueRun(q, task);
    await drain(q);
    expect(q.store.runs.get(run)).toMatchObject({
      status: 'failed',
      error: { reason: 'step exit3 failed', error: expect.stringMatching(/exited with code 3/) },
    });
    expect(runDetails(q.store, run).steps).toHaveLength(1);
    expect(q.store.runs.listForTask(task, 10)).toHaveLength(1);
    expect(q.store.tasks.get(task)).toMatchObject({ status: 'failed' });
  });

  it('retries a retryable failure as attempts 2 and 3, due 1 s and 2 s after each failure', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      pipeline: {
        steps: [{ id: 'flaky', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(1)'] } }],
      },
    });
    const first = queueRun(q, task);
    await drain(q);
    const t1 = q.clock.now();
    const attempts = () => q.store.runs.listForTask(task, 10).sort((a, b) => a.attempt - b.attempt);
    expect(attempts().map((r) => [r.attempt, r.status, r.nextAttemptAt, r.retryOf])).toEqual([
      [1, 'failed', null, null],
      [2, 'queued', t1 + 1000, first],
    ]);
    q.clock.advance(999);
    expect(attempts()[1]?.status).toBe('queued');
    q.clock.advance(1);
    await drain(q);
    const t2 = q.clock.now();
    expect(attempts().map((r) => [r.attempt, r.status, r.nextAttemptAt])).toEqual([
      [1, 'failed', null],
      [2, 'failed', t1 + 1000],
      [3, 'queued', t2 + 2000],
    ]);
    q.clock.advance(2000);
    await drain(q);
    // The default policy allows three attempts in all: the third failure is final.
    expect(attempts().map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('retries a failing step inside the same run, with backoff, before failing the run', async () => {
    const q = startedQueue();
    const file = join(q.dir, 'tries');
    const task = addTask(q, {
      retryPolicy: { maxAttempts: 1 },
      pipeline: {
        steps: [
          {
            id: 'third_time_lucky',
            uses: 'shell.exec',
            retry: { max_attempts: 3 },
            with: {
              argv: [
                process.execPath,
                '-e',
                `const fs=require('fs');fs.appendFileSync(process.argv[1],'x');process.exit(fs.readFileSync(process.argv[1],'utf8').length<3?1:0)`,
                file,
              ],
            },
          },
        ],
      },
    });
    const run = queueRun(q, task);
    q.clock.advance(0);
    for (let i = 0; i < 200 && runStatus(q, run) === 'running'; i++) {
      q.clock.advance(500);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(runStatus(q, run)).toBe('succeeded');
    expect(read(file)).toBe('xxx');
    expect(runDetails(q.store, run).steps.map((s) => [s.attempt, s.status])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'complete'],
    ]);
  });
});
