// Recovery at start stops what the steps of a dead host left running, on real processes: only a
// process that is still the one recorded (same pid, same start time) is ever signalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStepProcessesRepo } from '../../../../src-main/core/db/repos/step-processes-repo';
import { systemClock } from '../../../../src-main/core/lib/clock';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { stopLeftoverProcesses } from '../../../../src-main/core/queue/leftover-processes';
import { runDetails } from '../../../../src-main/core/queue/status';
import { processStartTime } from '../../../../src-main/core/tools/process-identity';
import { processIsGone } from '../tools/tool-context';
import { addTask, openQueue, queueRun, type Queue } from './worker-harness';

const fixture = resolve(__dirname, '../../../fixtures/spawn-grandchildren.mjs');

const spawned: number[] = [];
afterEach(() => {
  // A failing test must not leave sleepers behind on the machine.
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

/** The spawn-grandchildren fixture, leading its own process group as shell.exec's commands do. */
async function startFamily(dir: string, flag?: string): Promise<{ child: ChildProcess; pids: number[] }> {
  const pidFile = join(dir, `pids-${spawned.length}.json`);
  const child = spawn(process.execPath, [fixture, pidFile, ...(flag ? [flag] : [])], {
    detached: true,
    stdio: 'ignore',
  });
  spawned.push(child.pid!);
  await until(() => existsSync(pidFile), 'the fixture to start');
  const { grandchildren } = JSON.parse(readFileSync(pidFile, 'utf8')) as { grandchildren: number[] };
  spawned.push(...grandchildren);
  return { child, pids: [child.pid!, ...grandchildren] };
}

function record(q: Queue, row: { runId: string; stepId: string; pid: number; started: string }): void {
  createStepProcessesRepo(q.store.db, new Redactor()).insert({
    ...row,
    pgid: row.pid,
    command: 'node fixture',
    recordedAt: q.clock.now(),
  });
}

function stop(q: Queue) {
  const logger = createLogger({ sinks: [], redactor: new Redactor(), now: () => Date.now() });
  return stopLeftoverProcesses({ store: q.store, clock: systemClock, logger, graceMs: 300 });
}

const rowsLeft = (q: Queue) => q.store.db.prepare('SELECT count(*) FROM step_processes').pluck().get();
const eventsOf = (q: Queue, runId: string) =>
  q.store.db.prepare('SELECT type, summary FROM events WHERE run_id = ? ORDER BY id').all(runId) as {
    type: string;
    summary: string;
  }[];

describe('stopping the processes a dead host left', () => {
  it('never kills a recorded pid whose start time differs: the pid was given to another process', async () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    const sleeper = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    spawned.push(sleeper.pid!);
    const real = processStartTime(sleeper.pid!)!;
    const ticks = BigInt(/:(\d+)$/.exec(real)![1]!);
    // What a step recorded before the host died, for a process long gone whose pid `sleep` now has.
    record(q, { runId: run, stepId: 'agent', pid: sleeper.pid!, started: real.replace(/\d+$/, String(ticks - 1n)) });

    expect(await stop(q)).toEqual([]);
    await delay(100);
    expect(processIsGone(sleeper.pid!)).toBe(false);
    expect(rowsLeft(q)).toBe(0);
    expect(eventsOf(q, run).filter((e) => e.type === 'run:processes-stopped')).toEqual([]);
  });

  it('stops a recorded group, children included, with SIGKILL when SIGTERM is ignored, and says so', async () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    const { pids } = await startFamily(q.dir, '--ignore-term');
    record(q, { runId: run, stepId: 'agent', pid: pids[0]!, started: processStartTime(pids[0]!)! });

    expect(await stop(q)).toEqual([{ runId: run, stepId: 'agent', processes: 3 }]);
    expect(pids.filter((pid) => !processIsGone(pid))).toEqual([]);
    expect(rowsLeft(q)).toBe(0);
    const message = "Stopped 3 processes left from the step 'agent' before the host restarted";
    const log = runDetails(q.store, run).logs.map((l) => [l.stepId, l.stream, l.message]);
    expect(log).toContainEqual(['agent', 'system', message]);
    expect(eventsOf(q, run)).toContainEqual({ type: 'run:processes-stopped', summary: message });
  });

  it('stops the children a recorded leader left when the leader itself is already gone', async () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    const { child, pids } = await startFamily(q.dir);
    const started = processStartTime(pids[0]!)!;
    record(q, { runId: run, stepId: 'build', pid: pids[0]!, started });
    // As a CLI dies of SIGPIPE when the host's end of its output pipe closes, while its children live on.
    child.kill('SIGKILL');
    await until(() => processIsGone(pids[0]!), 'the leader to exit');
    expect(pids.slice(1).every((pid) => !processIsGone(pid))).toBe(true);

    expect(await stop(q)).toEqual([{ runId: run, stepId: 'build', processes: 2 }]);
    expect(pids.filter((pid) => !processIsGone(pid))).toEqual([]);
  });

  it('forgets a recorded group that has already exited, without a word in the run log', async () => {
    const q = openQueue();
    const run = queueRun(q, addTask(q));
    const { child, pids } = await startFamily(q.dir);
    record(q, { runId: run, stepId: 'build', pid: pids[0]!, started: processStartTime(pids[0]!)! });
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await until(() => pids.every(processIsGone), 'the group to exit');
    expect(child.pid).toBe(pids[0]);

    expect(await stop(q)).toEqual([]);
    expect(rowsLeft(q)).toBe(0);
    expect(runDetails(q.store, run).logs).toEqual([]);
  });
});
