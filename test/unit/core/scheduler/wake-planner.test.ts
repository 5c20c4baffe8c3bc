import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createRuntime, type Runtime } from '../../../../src-main/core/runtime';
import { planWake, WAKE_LEAD_MS } from '../../../../src-main/core/scheduler/wake-planner';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { createOsWakeScheduler } from '../../../../src-main/os/wake/os-wake-scheduler';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { memorySettings } from '../../../helpers/test-runtime';

const target = (nextRunAt: number) => ({ taskId: 't1', title: 'Nightly', nextRunAt });
const now = Date.parse('2026-12-05T15:00:00Z');

describe('when to wake for a run', () => {
  it('wakes a minute before the run', () => {
    expect(planWake(target(now + 3600_000), now)?.at).toBe(now + 3600_000 - WAKE_LEAD_MS);
  });
  it('wakes at the run itself once its minute of lead has begun', () => {
    expect(planWake(target(now + 30_000), now)?.at).toBe(now + 30_000);
  });
  it('sets no wake for a run due within seconds, or when there is none', () => {
    expect(planWake(target(now + 3_000), now)).toBeUndefined();
    expect(planWake(undefined, now)).toBeUndefined();
  });
});

// The real Linux adapter, writing a file laid out as /sys/class/rtc/rtc0/wakealarm in a temp
// directory (this machine's RTC is not ours to set).
let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function startWith(wakealarmPath: string): Promise<{ runtime: Runtime; clock: FakeClock }> {
  const clock = new FakeClock(now);
  runtime = createRuntime({
    dataDir: makeTempDir(),
    clock,
    notifier: { notify: async () => undefined },
    secrets: createEnvSecretStore({}),
    settings: memorySettings(),
    logger: createLogger({ sinks: [], redactor: new Redactor(), now: () => clock.now() }),
    hostKind: 'test',
    version: '0.0.0-test',
    wake: createOsWakeScheduler({
      platform: 'linux',
      uid: 1000,
      userName: 'ada',
      env: { PATH: makeTempDir() },
      wakealarmPath,
      timeZone: () => 'America/Denver',
    }),
  });
  await runtime.start();
  return { runtime, clock };
}

/** The wake is set in the background after each change: polls until `done`, for up to 5 s. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('not reached in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the wake for runs in the runtime', () => {
  it('puts a wake it cannot set on the timeline once, naming the task and why, and keeps running', async () => {
    const missing = join(makeTempDir(), 'no-rtc', 'wakealarm');
    const { runtime: rt } = await startWith(missing);
    const task = await rt.api.call('tasks.create', {
      title: 'Nightly backup',
      wakeToRun: true,
      schedule: { kind: 'cron', expr: '0 3 * * *', timezone: 'America/Denver' },
    });
    const failures = async () => (await rt.api.call('events.list', {})).items.filter((e) => e.type === 'wake:failed');
    await until(async () => (await failures()).length > 0);
    await rt.api.call('tasks.update', { id: task.id, description: 'changed, so the wake is tried again' });
    await pause(300);
    const events = await failures();
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe(
      `Could not set the computer to wake at Sun, Dec 6, 2:59 AM MST for "Nightly backup": ` +
        `this machine has no RTC wake alarm (${missing} does not exist)`,
    );
    expect(events[0]!.taskId).toBe(task.id);
    const status = await rt.api.call('system.wake', {});
    expect(status).toMatchObject({ available: false, armed: null });
    expect(status.lastError).toContain('does not exist');
    expect((await rt.api.call('tasks.get', { id: task.id })).title).toBe('Nightly backup');
  });

  it('sets the wake again before the machine sleeps, even when it has not moved', async () => {
    const file = join(makeTempDir(), 'wakealarm');
    writeFileSync(file, '');
    const { runtime: rt } = await startWith(file);
    const task = await rt.api.call('tasks.create', {
      title: 'Nightly backup',
      wakeToRun: true,
      schedule: { kind: 'cron', expr: '0 3 * * *', timezone: 'America/Denver' },
    });
    const expected = String((Date.parse(task.nextRunAt!) - WAKE_LEAD_MS) / 1000);
    await until(() => readFileSync(file, 'utf8') === expected);
    // The alarm fired or the OS cleared it: only a forced re-arm sets it again.
    writeFileSync(file, '0');
    await rt.api.call('tasks.update', { id: task.id, description: 'unrelated' });
    await pause(300);
    expect(readFileSync(file, 'utf8')).toBe('0');
    await rt.systemSuspending();
    expect(readFileSync(file, 'utf8')).toBe(expected);
    rmSync(file);
  });

  it('claims no wake once setting one failed, and says why', async () => {
    const file = join(makeTempDir(), 'wakealarm');
    writeFileSync(file, '');
    const { runtime: rt } = await startWith(file);
    const task = await rt.api.call('tasks.create', {
      title: 'Nightly backup',
      wakeToRun: true,
      schedule: { kind: 'cron', expr: '0 3 * * *', timezone: 'America/Denver' },
    });
    await until(async () => (await rt.api.call('system.wake', {})).armed !== null);
    rmSync(file);
    await rt.api.call('tasks.update', { id: task.id, schedule: { kind: 'cron', expr: '0 4 * * *' } });
    await until(async () => (await rt.api.call('system.wake', {})).lastError !== null);
    const status = await rt.api.call('system.wake', {});
    expect(status.armed).toBeNull();
    expect(status.lastError).toBe(`this machine has no RTC wake alarm (${file} does not exist)`);
  });
});
