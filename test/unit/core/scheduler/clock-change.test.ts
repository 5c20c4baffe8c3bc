// Clock changes and short stops, on a real database with the fake clock: setting the clock back
// never silences a schedule nor runs an occurrence twice, a forward change is told as one, and every
// late occurrence goes through its task's misfire policy.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MisfirePolicy } from '../../../../src-main/core/model/types';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { classifyWake } from '../../../../src-main/core/scheduler/clock-change';
import { MAX_SLEEP_MS } from '../../../../src-main/core/scheduler/scheduler';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { makeTestRuntime, startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function start(options: { dataDir?: string; clock?: FakeClock } = {}): Promise<TestRuntime> {
  const t = await startedTestRuntime(options);
  running.push(t);
  return t;
}

function runs(t: TestRuntime): { trigger: string; scheduled_for: number }[] {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT trigger, scheduled_for FROM runs ORDER BY rowid').all() as {
      trigger: string;
      scheduled_for: number;
    }[];
  } finally {
    db.close();
  }
}

async function events(t: TestRuntime, type: string): Promise<string[]> {
  const { items } = await t.runtime.api.call('events.list', { limit: 200 });
  return items.filter((e) => e.type === type).map((e) => e.summary);
}

const at = (iso: string): number => Date.parse(iso);
// Monday 2026-11-23, 8:00 AM MST.
const MONDAY_8AM = at('2026-11-23T15:00:00Z');
const HOUR = 3600_000;

describe('setting the clock back', () => {
  it('does not fire twice when the system clock reverses', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    await t.runtime.api.call('tasks.create', { title: 'Every minute', schedule: { kind: 'cron', expr: '* * * * *' } });
    t.clock.advance(10 * 60_000 + 1000);
    expect(runs(t)).toHaveLength(10);
    // Back five minutes: 8:06 to 8:10 already ran and must not run again.
    t.clock.jumpTo(t.clock.now() - 5 * 60_000);
    t.clock.advance(10 * 60_000);
    const fired = runs(t).map((r) => r.scheduled_for);
    expect(new Set(fired).size).toBe(fired.length);
    expect(fired).toHaveLength(15);
    expect(fired.at(-1)).toBe(MONDAY_8AM + 15 * 60_000);
  });

  it('keeps an every-minute schedule firing after a 2 h set-back, and says so', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Every minute',
      schedule: { kind: 'cron', expr: '* * * * *' },
    });
    t.clock.advance(3 * 60_000 + 1000);
    expect(runs(t)).toHaveLength(3);
    t.clock.jumpTo(t.clock.now() - 2 * HOUR);
    t.clock.advance(MAX_SLEEP_MS);
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).nextRunAt).toBe('2026-11-23T13:04:00.000Z');
    t.clock.advance(5 * 60_000);
    expect(runs(t).slice(3)).toEqual(
      [4, 5, 6, 7, 8].map((m) => ({ trigger: 'schedule', scheduled_for: MONDAY_8AM - 2 * HOUR + m * 60_000 })),
    );
    expect(await events(t, 'scheduler:clock_set_back')).toEqual([
      'The clock was set back from 8:03 AM to 6:03 AM MST: schedules go on from the new time.',
    ]);
    expect(t.notifications).toEqual([]);
  });

  it('does not wait 5 h when Ridgeline restarts with the clock 5 h back', async () => {
    const dataDir = makeTempDir();
    const clock = new FakeClock(MONDAY_8AM);
    const first = makeTestRuntime({ dataDir, clock });
    await first.runtime.start();
    const task = await first.runtime.api.call('tasks.create', {
      title: 'Hourly',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    clock.advance(HOUR + 1000);
    await first.runtime.stop();
    clock.jumpTo(MONDAY_8AM - 4 * HOUR + 10 * 60_000);
    const second = await start({ dataDir, clock });
    expect((await second.runtime.api.call('tasks.get', { id: task.id })).nextRunAt).toBe('2026-11-23T12:00:00.000Z');
    expect(await events(second, 'scheduler:clock_set_back')).toEqual([
      'The clock was set back from 9:00 AM to 4:10 AM MST: schedules go on from the new time.',
    ]);
    clock.advance(HOUR);
    expect(runs(second).map((r) => r.scheduled_for)).toEqual([MONDAY_8AM + HOUR, at('2026-11-23T12:00:00Z')]);
  });
});

describe('moving the clock forward', () => {
  it('is told as a clock change, not as sleep, and catches up by the misfire policy', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    await t.runtime.api.call('tasks.create', {
      title: 'Briefing',
      schedule: { kind: 'cron', expr: '30 8 * * *', timezone: 'America/Denver' },
    });
    t.clock.jumpTo(MONDAY_8AM + 3 * HOUR);
    t.clock.advance(MAX_SLEEP_MS);
    expect(runs(t).map((r) => r.trigger)).toEqual(['catch_up']);
    expect(await events(t, 'scheduler:asleep')).toEqual([]);
    expect(await events(t, 'scheduler:clock_moved_forward')).toEqual([
      'The clock was moved forward from 8:00 AM to 11:00 AM MST: 1 run missed, 1 caught up.',
    ]);
  });

  it('tells a sleeping machine apart from a clock change by the boot clock', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    t.clock.sleep(3 * HOUR);
    t.clock.advance(MAX_SLEEP_MS);
    expect(await events(t, 'scheduler:clock_moved_forward')).toEqual([]);
    expect(await events(t, 'scheduler:asleep')).toEqual([
      'This computer was asleep from 8:00 AM to 11:00 AM MST: no runs were missed.',
    ]);
  });

  it('without a boot clock, takes the gain across a reported resume as sleep and any other as a change', () => {
    const previous = { wall: MONDAY_8AM, monotonic: 0 };
    const current = { wall: MONDAY_8AM + HOUR + 30_000, monotonic: 30_000 };
    const facts = { previous, current, plannedWaitMs: 30_000 };
    expect(classifyWake({ ...facts, resumed: true })?.kind).toBe('asleep');
    expect(classifyWake({ ...facts, resumed: false })).toEqual({
      kind: 'clock_moved_forward',
      from: MONDAY_8AM + 30_000,
      to: current.wall,
    });
    expect(classifyWake({ ...facts, current: { ...current, wall: MONDAY_8AM + 40_000 }, resumed: false })).toBe(
      undefined,
    );
  });
});

describe('short stops follow the misfire policy', () => {
  async function downFor(policy: MisfirePolicy, downMs: number): Promise<TestRuntime> {
    const dataDir = makeTempDir();
    const clock = new FakeClock(MONDAY_8AM + 9000);
    const first = makeTestRuntime({ dataDir, clock });
    await first.runtime.start();
    await first.runtime.api.call('tasks.create', {
      title: 'Every 10 s',
      misfirePolicy: policy,
      schedule: { kind: 'cron', expr: '*/10 * * * * *' },
    });
    await first.runtime.stop();
    clock.jumpTo(clock.now() + downMs);
    return start({ dataDir, clock });
  }

  // Down from 8:00:09 to 8:00:58: the occurrences at :10 to :50 were missed, the last by 8 s.
  it('a skip task down 49 s queues no runs, and the user is told', async () => {
    const t = await downFor('skip', 49_000);
    expect(runs(t)).toEqual([]);
    expect(t.notifications.map((n) => n.body)).toEqual([
      'Ridgeline was not running from 8:00 AM to 8:00 AM MST: 5 runs missed, 0 caught up.',
    ]);
  });

  it('a run_once task down 49 s queues one catch-up run for the latest occurrence', async () => {
    const t = await downFor('run_once', 49_000);
    expect(runs(t)).toEqual([{ trigger: 'catch_up', scheduled_for: MONDAY_8AM + 50_000 }]);
  });

  it('an occurrence fired within 5 s of its time is on time', async () => {
    const t = await downFor('skip', 4_000);
    expect(runs(t)).toEqual([{ trigger: 'schedule', scheduled_for: MONDAY_8AM + 10_000 }]);
    expect(t.notifications).toEqual([]);
  });
});
