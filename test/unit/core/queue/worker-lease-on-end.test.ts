// A run's end leases the slot it frees in the same commit: the next queued run starts without a
// worker tick (the fake clock never lets the worker's timer fire here).
import { describe, expect, it } from 'vitest';
import { leaseNext, skipOverlapping } from '../../../../src-main/core/queue/lease';
import { addTask, openQueue, queueRun, runStatus, startedQueue } from './worker-harness';

describe('the end of a run', () => {
  it('starts the next queued run in the slot it frees, without waiting for a tick', async () => {
    const q = startedQueue({ maxConcurrentRuns: 1 });
    const first = queueRun(q, addTask(q, { pipeline: { steps: [] } }));
    const second = queueRun(q, addTask(q, { pipeline: { steps: [] } }));
    q.clock.advance(0);
    expect(q.worker.inFlight()).toEqual([first]);
    const wakeups = q.worker.stats.wakeups;

    await q.worker.idle();

    expect([runStatus(q, first), runStatus(q, second)]).toEqual(['succeeded', 'succeeded']);
    expect(q.worker.stats).toMatchObject({ wakeups, started: 2, finished: 2 });
  });

  it('leases nothing while stopping: the queued run waits for the next start', async () => {
    const q = startedQueue({ maxConcurrentRuns: 1 });
    const first = queueRun(
      q,
      addTask(q, { pipeline: { steps: [{ id: 'hold', uses: 'wait', with: { ms: 60_000 } }] } }),
    );
    const second = queueRun(q, addTask(q, { pipeline: { steps: [] } }));
    q.clock.advance(0);
    expect(q.worker.inFlight()).toEqual([first]);

    await q.worker.stop();

    expect([runStatus(q, first), runStatus(q, second)]).toEqual(['queued', 'queued']);
    // Nothing was leased after the one run started: one start pushed, the other run never started.
    const starts = q.pushed.filter((m) => m.event === 'run:updated' && m.data.run.status === 'running');
    expect(starts.map((m) => m.event === 'run:updated' && m.data.run.id)).toEqual([first]);
    expect(q.store.runs.get(second)).toMatchObject({ startedAt: null, interrupted: false });
    expect(q.worker.stats.started).toBe(1);
  });
});

describe('overlap protection', () => {
  it('skips an occurrence due once a run started, never the catch-up runs of occurrences before it', () => {
    const q = openQueue();
    const task = addTask(q, { title: 'Hourly', overlapPolicy: 'skip' });
    const hour = 3_600_000;
    const now = q.clock.now();
    const catchUps = [3, 2, 1].map((h) => queueRun(q, task, { trigger: 'catch_up', scheduledFor: now - h * hour }));
    const options = { owner: 'w1', now, maxConcurrentRuns: 4, describeTime: String };
    expect(leaseNext(q.store, options)?.id).toBe(catchUps[0]);

    // The worker may look at any moment while the first catch-up runs: the others wait their turn.
    expect(skipOverlapping(q.store, now)).toEqual([]);
    const due = queueRun(q, task, { trigger: 'schedule', scheduledFor: now });
    expect(skipOverlapping(q.store, now).map((r) => r.id)).toEqual([due]);
    expect(catchUps.map((id) => runStatus(q, id))).toEqual(['running', 'queued', 'queued']);
  });
});
