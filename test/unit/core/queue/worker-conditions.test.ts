import { describe, expect, it } from 'vitest';
import { leaseNext } from '../../../../src-main/core/queue/lease';
import { releaseMetConditions } from '../../../../src-main/core/queue/condition-gate';
import { queueStatus } from '../../../../src-main/core/queue/status';
import type { PowerSource } from '../../../../src-main/core/ports';
import { addTask, openQueue, queueRun, runStatus, type Queue } from './worker-harness';

// The power source is a plain object here: the port's real readers (Electron's powerMonitor, the
// OS's files and commands) are tested on their own; this pins what the queue does with a reading.
function switchablePower(onAc: boolean): PowerSource & { onAc: boolean } {
  const power = {
    onAc,
    onAcPower: () => power.onAc,
    batteryPercent: () => 50,
    idleSeconds: () => undefined,
  };
  return power;
}

function setConditions(q: Queue, taskId: string, conditions: object): void {
  q.store.db.prepare('UPDATE tasks SET conditions = ? WHERE id = ?').run(JSON.stringify(conditions), taskId);
}

const lease = (q: Queue, power: PowerSource) =>
  leaseNext(q.store, { owner: 'w1', now: q.clock.now(), maxConcurrentRuns: 4, describeTime: String, power });

describe('leasing under run conditions', () => {
  it('holds a run that wants AC power on battery, says why in queue.status, and leases it on AC', () => {
    const q = openQueue();
    const power = switchablePower(false);
    const task = addTask(q, { title: 'Backup' });
    setConditions(q, task, { acPower: true });
    const run = queueRun(q, task);
    expect(lease(q, power)).toBeUndefined();
    expect(runStatus(q, run)).toBe('queued');
    expect(queueStatus(q.store, q.clock.now()).waitingOnDependency).toEqual([
      expect.objectContaining({ reason: 'Waiting for AC power', blocked: false }),
    ]);
    expect(q.store.events.list({ unreadOnly: false, limit: 10 }).map((e) => e.summary)).toContain(
      '"Backup": Waiting for AC power',
    );

    expect(releaseMetConditions(q.store, power)).toBe(1);
    expect(lease(q, power)).toBeUndefined();
    power.onAc = true;
    expect(releaseMetConditions(q.store, power)).toBe(0);
    expect(lease(q, power)?.id).toBe(run);
    expect(queueStatus(q.store, q.clock.now()).waitingOnDependency).toEqual([]);
  });

  it('lets a held run pass a run of a task without conditions queued after it', () => {
    const q = openQueue();
    const power = switchablePower(false);
    const held = addTask(q);
    setConditions(q, held, { acPower: true });
    queueRun(q, held);
    const free = queueRun(q, addTask(q));
    expect(lease(q, power)?.id).toBe(free);
  });
});
