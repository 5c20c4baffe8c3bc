import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a real child process, reading a power_supply directory laid out as
// Linux's /sys/class/power_supply (RIDGELINE_POWER_SUPPLY_DIR): the test flips its files.
let host: HeadlessHost | undefined;
afterAll(async () => host?.stop());

function writeSupply(dir: string, onAc: boolean): void {
  mkdirSync(join(dir, 'AC'), { recursive: true });
  mkdirSync(join(dir, 'BAT0'), { recursive: true });
  writeFileSync(join(dir, 'AC', 'type'), 'Mains\n');
  writeFileSync(join(dir, 'AC', 'online'), onAc ? '1\n' : '0\n');
  writeFileSync(join(dir, 'BAT0', 'type'), 'Battery\n');
  writeFileSync(join(dir, 'BAT0', 'capacity'), '71\n');
  writeFileSync(join(dir, 'BAT0', 'status'), onAc ? 'Charging\n' : 'Discharging\n');
}

async function call<T>(name: string, body: unknown): Promise<T> {
  const response = await fetch(`${host!.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host!.token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${name} failed: ${JSON.stringify(json)}`);
  return json;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached in 20 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Queue {
  running: { id: string }[];
  waitingOnDependency: { run: { id: string }; reason: string }[];
}

describe('a task that runs only on AC power, in the headless host', () => {
  it('waits on battery with the reason, and starts when the machine goes on AC power', async () => {
    const supply = makeTempDir();
    writeSupply(supply, false);
    host = await startHeadlessHost({ dataDir: makeTempDir(), env: { RIDGELINE_POWER_SUPPLY_DIR: supply } });
    const marker = join(makeTempDir(), 'ran');
    const task = await call<{ id: string; conditions: unknown }>('tasks.create', {
      title: 'Nightly backup',
      conditions: { acPower: true },
      pipeline: {
        steps: [
          {
            id: 'mark',
            uses: 'shell.exec',
            with: { argv: [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`] },
          },
        ],
      },
    });
    expect(task.conditions).toEqual({ acPower: true });
    const run = await call<{ id: string }>('tasks.runNow', { id: task.id });

    const waiting = await waitFor(
      () => call<Queue>('queue.status', {}),
      (q) => q.waitingOnDependency.some((w) => w.run.id === run.id),
      'the run waiting for AC power',
    );
    expect(waiting.waitingOnDependency).toEqual([expect.objectContaining({ reason: 'Waiting for AC power' })]);
    // Still waiting a few polls later: the battery reading holds it, not a slow start.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await call<{ run: { status: string } }>('runs.get', { id: run.id })).run.status).toBe('queued');

    writeSupply(supply, true);
    const done = await waitFor(
      () => call<{ run: { status: string } }>('runs.get', { id: run.id }),
      (r) => r.run.status === 'succeeded',
      'the run succeeding on AC power',
    );
    expect(done.run.status).toBe('succeeded');
    expect((await call<Queue>('queue.status', {})).waitingOnDependency).toEqual([]);
  }, 60_000);
});
