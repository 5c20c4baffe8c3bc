import { describe, expect, it } from 'vitest';
import { leaseNext, skipOverlapping } from '../../../../src-main/core/queue/lease';
import { queueStatus } from '../../../../src-main/core/queue/status';
import { setDependencies } from '../../../../src-main/core/queue/dependencies';
import { addTask, openQueue, queueRun, runStatus, type Queue } from './worker-harness';

// These tests lease by hand: the worker is never started, so nothing executes.

const lease = (q: Queue, owner = 'w1', max = 4) =>
  leaseNext(q.store, { owner, now: q.clock.now(), maxConcurrentRuns: max, describeTime: (ms) => String(ms) });

describe('leasing', () => {
  it('leases by priority first, then by scheduled time', () => {
    const q = openQueue();
    const task = addTask(q, { maxConcurrentRuns: 10 });
    const now = q.clock.now();
    const late = queueRun(q, task, { priority: 1, scheduledFor: now - 1000 });
    const urgent = queueRun(q, task, { priority: 3, scheduledFor: now });
    const early = queueRun(q, task, { priority: 1, scheduledFor: now - 5000 });
    expect([lease(q)?.id, lease(q)?.id, lease(q)?.id]).toEqual([urgent, early, late]);
  });

  it('never leases the same run twice, even to two workers leasing one after the other', () => {
    const q = openQueue();
    const task = addTask(q, { maxConcurrentRuns: 5 });
    const ids = [queueRun(q, task), queueRun(q, task)];
    const first = lease(q, 'w1');
    const second = lease(q, 'w2');
    expect(new Set([first?.id, second?.id])).toEqual(new Set(ids));
    expect(lease(q, 'w1')).toBeUndefined();
    expect(first).toMatchObject({ status: 'running', leaseOwner: 'w1', heartbeatAt: q.clock.now() });
    expect(first?.leaseExpiresAt).toBe(q.clock.now() + 60_000);
  });

  it('stops at the global limit of running runs', () => {
    const q = openQueue();
    for (let i = 0; i < 3; i++) queueRun(q, addTask(q));
    expect(lease(q, 'w1', 2)).toBeDefined();
    expect(lease(q, 'w1', 2)).toBeDefined();
    expect(lease(q, 'w1', 2)).toBeUndefined();
  });

  it('runs a task at most max_concurrent_runs at once (default 1)', () => {
    const q = openQueue();
    const single = addTask(q, { overlapPolicy: 'queue' });
    const double = addTask(q, { maxConcurrentRuns: 2 });
    queueRun(q, single);
    queueRun(q, single);
    for (let i = 0; i < 3; i++) queueRun(q, double);
    const leased = [lease(q), lease(q), lease(q), lease(q)].map((r) => r?.taskId);
    expect(leased.filter((t) => t === single)).toHaveLength(1);
    expect(leased.filter((t) => t === double)).toHaveLength(2);
    expect(leased[3]).toBeUndefined();
  });

  it('runs one run at a time per concurrency key, across tasks', () => {
    const q = openQueue();
    const a = addTask(q, { concurrencyKey: 'browser' });
    const b = addTask(q, { concurrencyKey: 'browser' });
    const c = addTask(q, { concurrencyKey: null });
    const now = q.clock.now();
    queueRun(q, a, { scheduledFor: now - 3 });
    queueRun(q, b, { scheduledFor: now - 2 });
    queueRun(q, c, { scheduledFor: now - 1 });
    expect([lease(q)?.taskId, lease(q)?.taskId, lease(q)?.taskId]).toEqual([a, c, undefined]);
  });

  it('does not lease a retry before its next attempt is due', () => {
    const q = openQueue();
    const task = addTask(q);
    const id = queueRun(q, task);
    q.store.write(() => q.store.runs.setNextAttemptAt(id, q.clock.now() + 1000));
    expect(lease(q)).toBeUndefined();
    expect(queueStatus(q.store, q.clock.now()).waitingForRetry.map((w) => w.run.id)).toEqual([id]);
    q.clock.advance(1000);
    expect(lease(q)?.id).toBe(id);
  });

  it('skips a scheduled run of a task still running, saying why, but lets a manual run wait', () => {
    const q = openQueue();
    const task = addTask(q, { title: 'Backup' });
    queueRun(q, task, { trigger: 'schedule', scheduledFor: q.clock.now() - 1 });
    lease(q);
    const scheduled = queueRun(q, task, { trigger: 'schedule' });
    const manual = queueRun(q, task, { trigger: 'manual' });
    expect(skipOverlapping(q.store, q.clock.now()).map((r) => r.id)).toEqual([scheduled]);
    expect(q.store.runs.get(scheduled)).toMatchObject({
      status: 'skipped',
      error: { reason: 'skipped: the previous run was still running' },
    });
    expect(runStatus(q, manual)).toBe('queued');
    const events = q.store.db.prepare(`SELECT type, summary FROM events WHERE run_id = ?`).all(scheduled);
    expect(events).toEqual([{ type: 'run:skipped', summary: 'Skipped "Backup": the previous run was still running' }]);
  });

  it('holds back a dependent run until its dependency succeeded, then leases it once released', () => {
    const q = openQueue();
    const build = addTask(q, { title: 'Build' });
    const deploy = addTask(q, { title: 'Deploy' });
    setDependencies(q.store.dependencies, {
      taskId: deploy,
      dependsOn: [build],
      now: q.clock.now(),
      titleOf: (id) => id,
    });
    const deployRun = queueRun(q, deploy);
    expect(lease(q)).toBeUndefined();
    expect(queueStatus(q.store, q.clock.now()).waitingOnDependency).toEqual([
      expect.objectContaining({ reason: 'Waiting for "Build" to succeed', blocked: false }),
    ]);
    expect(runStatus(q, deployRun)).toBe('queued');
  });
});
