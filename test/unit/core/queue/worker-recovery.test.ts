import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setDependencies } from '../../../../src-main/core/queue/dependencies';
import { queueStatus, runDetails } from '../../../../src-main/core/queue/status';
import { FakeClock } from '../../../helpers/fake-clock';
import {
  addTask,
  appendStep,
  drain,
  openQueue,
  pumpUntil,
  queueRun,
  runStatus,
  startedQueue,
  type Queue,
} from './worker-harness';

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const waitStep = (id: string, ms: number) => ({ id, uses: 'wait', with: { ms } });

function leaveRunning(q: Queue, runId: string, owner: string, heartbeatAt: number): void {
  q.store.db
    .prepare(
      `UPDATE runs SET status = 'running', lease_owner = ?, heartbeat_at = ?, lease_expires_at = ?, started_at = ? WHERE id = ?`,
    )
    .run(owner, heartbeatAt, heartbeatAt + 60_000, heartbeatAt, runId);
}

describe('crash recovery and resume', () => {
  it('resumes a run whose process died mid-pipeline without running its completed steps again', async () => {
    const crashed = startedQueue({ owner: 'crashed' });
    const file = join(crashed.dir, 'counter');
    const task = addTask(crashed, {
      pipeline: { steps: [appendStep('one', file, 'a'), waitStep('hang', 60_000), appendStep('three', file, 'c')] },
    });
    const run = queueRun(crashed, task);
    // Step "hang" waits on the crashed worker's clock, which never moves again: the process "died" there.
    await pumpUntil(crashed, () => runDetails(crashed.store, run).steps.length === 2);
    expect(read(file)).toBe('a');

    const clock = new FakeClock(crashed.clock.now() + 120_000);
    const next = startedQueue({ file: crashed.file, owner: 'restarted', clock });
    expect(next.worker.stats.recovered).toBe(1);
    await pumpUntil(next, () => runStatus(next, run) === 'succeeded', { stepMs: 10_000 });
    expect(read(file)).toBe('ac');
    const steps = runDetails(next.store, run).steps.map((s) => [s.stepId, s.status]);
    expect(steps).toEqual([
      ['one', 'complete'],
      ['hang', 'created'],
      ['hang', 'complete'],
      ['three', 'complete'],
    ]);
    expect(runDetails(next.store, run).logs.map((l) => l.message)).toContain('Step one: replayed from its checkpoint');
    const types = next.store.db.prepare('SELECT type FROM events WHERE run_id = ? ORDER BY id').pluck().all(run);
    expect(types).toContain('run:recovered');
  });

  it('recovers at start a run left running by a dead owner: re-queued, recorded, run to the end', async () => {
    const q = openQueue();
    const task = addTask(q);
    const run = queueRun(q, task);
    leaveRunning(q, run, 'dead-instance', q.clock.now() - 5 * 60_000);
    q.worker.start();
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');
    const recovered = q.store.db
      .prepare(`SELECT summary FROM events WHERE type = 'run:recovered' AND run_id = ?`)
      .pluck()
      .all(run);
    expect(recovered).toHaveLength(1);
  });

  it("recovers a task's run as a new attempt when its retry policy says recovery 'retry'", async () => {
    const q = openQueue();
    const task = addTask(q, { retryPolicy: { recovery: 'retry' } });
    const run = queueRun(q, task);
    leaveRunning(q, run, 'dead-instance', q.clock.now() - 5 * 60_000);
    q.worker.start();
    await drain(q);
    const attempts = q.store.db
      .prepare('SELECT attempt, status, retry_of AS retryOf, trigger FROM runs WHERE task_id = ? ORDER BY attempt')
      .all(task);
    expect(attempts).toEqual([
      { attempt: 1, status: 'failed', retryOf: null, trigger: 'manual' },
      { attempt: 2, status: 'succeeded', retryOf: run, trigger: 'retry' },
    ]);
    const error = JSON.parse(q.store.db.prepare('SELECT error FROM runs WHERE id = ?').pluck().get(run) as string) as {
      reason: string;
    };
    expect(error.reason).toBe('interrupted');
  });

  it('detects a run with no heartbeat for 90 s, reports it and recovers it', async () => {
    const q = startedQueue();
    const run = queueRun(q, addTask(q, { title: 'Sync' }));
    leaveRunning(q, run, 'hung-instance', q.clock.now());
    q.clock.advance(60_000);
    expect(runStatus(q, run)).toBe('running');
    q.clock.advance(60_000);
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');
    expect(q.worker.stats.stuck).toBe(1);
    expect(q.notifications).toEqual([expect.objectContaining({ title: 'Stuck run recovered', runId: run })]);
    expect(q.store.db.prepare(`SELECT count(*) FROM events WHERE type = 'run:stuck'`).pluck().get()).toBe(1);
  });

  it('interrupts runs in flight when it stops, and resumes them at the next start', async () => {
    const first = startedQueue();
    const file = join(first.dir, 'counter');
    const task = addTask(first, {
      pipeline: { steps: [appendStep('one', file, 'a'), waitStep('pause', 60_000), appendStep('two', file, 'b')] },
    });
    const run = queueRun(first, task);
    await pumpUntil(first, () => runDetails(first.store, run).steps.length === 2);
    await first.worker.stop();
    expect(first.store.runs.get(run)).toMatchObject({ status: 'queued', interrupted: true, leaseOwner: null });
    const second = startedQueue({ file: first.file, owner: 'worker-2', clock: first.clock });
    await pumpUntil(second, () => runStatus(second, run) === 'succeeded', { stepMs: 10_000 });
    expect(read(file)).toBe('ab');
  });
});

describe('dependencies', () => {
  it('starts a dependent run only after its dependency succeeded', async () => {
    const q = startedQueue();
    const build = addTask(q, { title: 'Build' });
    const deploy = addTask(q, { title: 'Deploy' });
    setDependencies(q.store.dependencies, {
      taskId: deploy,
      dependsOn: [build],
      now: q.clock.now(),
      titleOf: (id) => id,
    });
    const deployRun = queueRun(q, deploy);
    await drain(q);
    expect(runStatus(q, deployRun)).toBe('queued');
    const buildRun = queueRun(q, build);
    await drain(q);
    await drain(q);
    expect(runStatus(q, buildRun)).toBe('succeeded');
    expect(runStatus(q, deployRun)).toBe('succeeded');
  });

  it('marks a dependent run blocked, with the reason, when its dependency failed', async () => {
    const q = startedQueue();
    const build = addTask(q, {
      title: 'Build',
      pipeline: {
        steps: [
          {
            id: 'x',
            uses: 'shell.exec',
            with: { argv: [process.execPath, '-e', 'process.exit(2)'], permanent_exit_codes: [2] },
          },
        ],
      },
    });
    const deploy = addTask(q, { title: 'Deploy' });
    setDependencies(q.store.dependencies, {
      taskId: deploy,
      dependsOn: [build],
      now: q.clock.now(),
      titleOf: (id) => id,
    });
    const deployRun = queueRun(q, deploy);
    queueRun(q, build);
    await drain(q);
    await drain(q);
    expect(runStatus(q, deployRun)).toBe('queued');
    const waiting = queueStatus(q.store, q.clock.now()).waitingOnDependency;
    expect(waiting).toEqual([
      expect.objectContaining({ blocked: true, reason: expect.stringMatching(/^Blocked: "Build" failed/) }),
    ]);
  });
});
