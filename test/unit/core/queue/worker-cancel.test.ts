import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cancelRun, retryRunNow } from '../../../../src-main/core/queue/cancel';
import { setDependencies } from '../../../../src-main/core/queue/dependencies';
import { runDetails } from '../../../../src-main/core/queue/status';
import { addTask, drain, openQueue, pumpUntil, queueRun, runStatus, startedQueue } from './worker-harness';

/** True while the process exists and is not a zombie (an orphan nobody reaped yet counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A step whose program starts a grandchild in its process group, writes both pids, and sleeps. */
function sleeperStep(pidFile: string, extra: Record<string, unknown> = {}) {
  const script = `
    const fs = require('fs'); const { spawn } = require('child_process');
    const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    fs.writeFileSync(process.argv[1], process.pid + ' ' + g.pid);
    setInterval(() => {}, 1000);`;
  return { id: 'sleep', uses: 'shell.exec', with: { argv: [process.execPath, '-e', script, pidFile] }, ...extra };
}

const pidsIn = (file: string): number[] =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split(' ').filter(Boolean).map(Number) : [];

describe('timeouts', () => {
  it('ends a run timed_out when a step exceeds its timeout, killing the process group with its grandchildren', async () => {
    const q = startedQueue();
    const pidFile = join(q.dir, 'pids');
    const task = addTask(q, {
      retryPolicy: { maxAttempts: 1 },
      pipeline: { steps: [sleeperStep(pidFile, { timeout: 2000 })] },
    });
    const run = queueRun(q, task);
    await pumpUntil(q, () => pidsIn(pidFile).length === 2);
    const pids = pidsIn(pidFile);
    expect(pids.every(alive)).toBe(true);
    await pumpUntil(q, () => runStatus(q, run) === 'timed_out', { stepMs: 100 });
    expect(q.store.runs.get(run)?.error).toMatchObject({ reason: 'step_timeout' });
    expect(pids.some(alive)).toBe(false);
  });

  it('ends a run timed_out at the task timeout, killing the process group', async () => {
    const q = startedQueue();
    const pidFile = join(q.dir, 'pids');
    const task = addTask(q, {
      timeoutMs: 1500,
      retryPolicy: { maxAttempts: 1 },
      pipeline: { steps: [sleeperStep(pidFile)] },
    });
    const run = queueRun(q, task);
    await pumpUntil(q, () => pidsIn(pidFile).length === 2);
    const pids = pidsIn(pidFile);
    await pumpUntil(q, () => runStatus(q, run) === 'timed_out', { stepMs: 100 });
    expect(q.store.runs.get(run)?.error).toMatchObject({ reason: 'run_timeout' });
    expect(pids.some(alive)).toBe(false);
  });
});

describe('cancellation', () => {
  it('cancels a queued run at once', () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    expect(cancelRun(q.store, run, q.clock.now()).status).toBe('cancelled');
  });

  it('cancels a run waiting on a dependency', async () => {
    const q = startedQueue();
    const build = addTask(q);
    const deploy = addTask(q);
    setDependencies(q.store.dependencies, {
      taskId: deploy,
      dependsOn: [build],
      now: q.clock.now(),
      titleOf: (id) => id,
    });
    const run = queueRun(q, deploy);
    await drain(q);
    expect(q.store.runs.get(run)?.waitingReason).not.toBeNull();
    expect(cancelRun(q.store, run, q.clock.now()).status).toBe('cancelled');
  });

  it('cancels a running run by killing its process group', async () => {
    const q = startedQueue();
    const pidFile = join(q.dir, 'pids');
    const run = queueRun(q, addTask(q, { pipeline: { steps: [sleeperStep(pidFile)] } }));
    await pumpUntil(q, () => pidsIn(pidFile).length === 2);
    const pids = pidsIn(pidFile);
    expect(cancelRun(q.store, run, q.clock.now()).status).toBe('running');
    await pumpUntil(q, () => runStatus(q, run) === 'cancelled', { stepMs: 100 });
    expect(pids.some(alive)).toBe(false);
    // Cancelled is final: no retry is queued for it.
    expect(q.store.runs.listForTask(q.store.runs.get(run)!.taskId, 10)).toHaveLength(1);
    expect(runDetails(q.store, run).steps[0]?.status).toBe('failed');
  });

  it('cancels a running run whose worker is gone at once', () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    q.store.db.prepare(`UPDATE runs SET status = 'running', lease_owner = 'dead' WHERE id = ?`).run(run);
    expect(cancelRun(q.store, run, q.clock.now()).status).toBe('cancelled');
  });

  it.each(['awaiting_approval', 'halted'])('cancels a run that is %s', (status) => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    q.store.db.prepare(`UPDATE runs SET status = ? WHERE id = ?`).run(status, run);
    expect(cancelRun(q.store, run, q.clock.now()).status).toBe('cancelled');
  });

  it('refuses to cancel a finished run with a conflict', async () => {
    const q = startedQueue();
    const run = queueRun(q, addTask(q));
    await drain(q);
    expect(() => cancelRun(q.store, run, q.clock.now())).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('retry now', () => {
  it('makes a retry waiting for its next attempt due at once', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      pipeline: {
        steps: [{ id: 'f', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(1)'] } }],
      },
    });
    queueRun(q, task);
    await drain(q);
    const retry = q.store.runs.listForTask(task, 10).find((r) => r.attempt === 2)!;
    expect(retry.nextAttemptAt).toBe(q.clock.now() + 1000);
    retryRunNow(q.store, retry.id, q.clock.now());
    await drain(q);
    expect(runStatus(q, retry.id)).toBe('failed');
  });

  it('queues a new attempt of a failed run', async () => {
    const q = startedQueue();
    const task = addTask(q, {
      retryPolicy: { maxAttempts: 1 },
      pipeline: {
        steps: [{ id: 'f', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(1)'] } }],
      },
    });
    const run = queueRun(q, task);
    await drain(q);
    const again = retryRunNow(q.store, run, q.clock.now());
    expect(again).toMatchObject({ attempt: 2, trigger: 'retry', status: 'queued' });
    expect(() => retryRunNow(q.store, again.id, q.clock.now())).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});
