import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { COLLECT_BEFORE_DUE_MS, MAX_SLEEP_MS } from '../../../../src-main/core/scheduler/scheduler';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { makeTestRuntime, startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function start(
  options: { dataDir?: string; clock?: FakeClock; collectYoungGeneration?: () => void } = {},
): Promise<TestRuntime> {
  const t = await startedTestRuntime(options);
  running.push(t);
  return t;
}

interface RunRow {
  task_id: string;
  trigger: string;
  scheduled_for: number;
  queued_at: number;
}

function runs(t: TestRuntime): RunRow[] {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare('SELECT task_id, trigger, scheduled_for, queued_at FROM runs ORDER BY scheduled_for, task_id')
      .all() as RunRow[];
  } finally {
    db.close();
  }
}

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

// Monday 2026-11-23, 8:00 AM MST.
const MONDAY_8AM = at('2026-11-23T15:00:00Z');

describe('scheduler loop', () => {
  it('fires a weekday 8:30 Mountain Time task on time, once, and moves to the next weekday', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Morning briefing',
      schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
    });
    expect(task.nextRunAt).toBe('2026-11-23T15:30:00.000Z');
    t.clock.advance(29 * 60_000);
    expect(runs(t)).toEqual([]);
    t.clock.advance(60_000);
    expect(runs(t)).toEqual([
      {
        task_id: task.id,
        trigger: 'schedule',
        scheduled_for: at('2026-11-23T15:30:00Z'),
        queued_at: at('2026-11-23T15:30:00Z'),
      },
    ]);
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).nextRunAt).toBe('2026-11-24T15:30:00.000Z');
    t.clock.advance(3 * 3600_000);
    expect(runs(t)).toHaveLength(1);
    expect(t.pushed.some((m) => m.event === 'schedule:fired')).toBe(true);
  });

  it('empties the young generation just before each due instant, and at no other time', async () => {
    const collected: number[] = [];
    const clock = new FakeClock(MONDAY_8AM);
    const t = await start({ clock, collectYoungGeneration: () => collected.push(clock.now()) });
    await t.runtime.api.call('tasks.create', {
      title: 'Morning briefing',
      schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
    });
    await t.runtime.api.call('tasks.create', {
      title: 'Standup notes',
      schedule: { kind: 'cron', expr: '45 8 * * 1-5', timezone: 'America/Denver' },
    });
    t.clock.advance(30 * 60_000 - COLLECT_BEFORE_DUE_MS - 1);
    expect(collected).toEqual([]);
    t.clock.advance(1);
    expect(collected).toEqual([at('2026-11-23T15:30:00Z') - COLLECT_BEFORE_DUE_MS]);
    expect(runs(t)).toEqual([]);
    t.clock.advance(60 * 60_000);
    expect(collected).toEqual([
      at('2026-11-23T15:30:00Z') - COLLECT_BEFORE_DUE_MS,
      at('2026-11-23T15:45:00Z') - COLLECT_BEFORE_DUE_MS,
    ]);
    expect(runs(t)).toHaveLength(2);
  });

  it('never sleeps longer than 30 s, even with nothing due for a day', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    await t.runtime.api.call('tasks.create', { title: 'Daily', schedule: { kind: 'cron', expr: '0 7 * * *' } });
    t.clock.advance(10 * 60_000);
    expect(t.runtime.schedulerStats().wakeups).toBeGreaterThanOrEqual((10 * 60_000) / MAX_SLEEP_MS);
    expect(t.runtime.schedulerStats().wakeups).toBeLessThanOrEqual((10 * 60_000) / MAX_SLEEP_MS + 3);
  });

  it('fires 1,000 tasks due in the same second exactly once each', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    for (let i = 0; i < 1000; i++) {
      await t.runtime.api.call('tasks.create', {
        title: `Task ${i}`,
        schedule: { kind: 'once', expr: '2026-11-23T08:05' },
      });
    }
    t.clock.advance(5 * 60_000);
    const fired = runs(t);
    expect(fired).toHaveLength(1000);
    expect(new Set(fired.map((r) => r.task_id)).size).toBe(1000);
    expect(fired.every((r) => r.scheduled_for === at('2026-11-23T15:05:00Z') && r.trigger === 'schedule')).toBe(true);
    t.clock.advance(3600_000);
    expect(runs(t)).toHaveLength(1000);
  });

  it("doesn't fire an occurrence twice when the system clock goes backwards", async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    await t.runtime.api.call('tasks.create', {
      title: 'Briefing',
      schedule: { kind: 'cron', expr: '30 8 * * *', timezone: 'America/Denver' },
    });
    t.clock.advance(31 * 60_000);
    expect(runs(t)).toHaveLength(1);
    t.clock.jumpTo(MONDAY_8AM);
    t.clock.advance(45 * 60_000);
    expect(runs(t)).toHaveLength(1);
    const jumped = (await t.runtime.api.call('events.list', {})).items.find(
      (e) => e.type === 'scheduler:clock_set_back',
    );
    expect(jumped?.summary).toMatch(/^The clock was set back from 8:31 AM to 8:00 AM MST/);
  });

  it('catches up once when the clock jumps forward past an occurrence', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    await t.runtime.api.call('tasks.create', {
      title: 'Briefing',
      schedule: { kind: 'cron', expr: '30 8 * * *', timezone: 'America/Denver' },
    });
    t.clock.jumpTo(MONDAY_8AM + 3 * 3600_000);
    t.clock.advance(MAX_SLEEP_MS);
    expect(runs(t).map((r) => [r.trigger, iso(r.scheduled_for)])).toEqual([['catch_up', '2026-11-23T15:30:00.000Z']]);
  });
});

describe('missed runs after an 8-hour sleep', () => {
  // An hourly task; the machine sleeps from 11:02 PM to 7:02 AM MST.
  const SLEEP_START = at('2026-11-24T06:02:00Z');
  const EIGHT_HOURS = 8 * 3600_000;

  async function sleepThrough(policy: 'skip' | 'run_once' | 'run_all'): Promise<TestRuntime> {
    const t = await start({ clock: new FakeClock(SLEEP_START - 60_000) });
    await t.runtime.api.call('tasks.create', {
      title: 'Hourly sync',
      misfirePolicy: policy,
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(60_000);
    t.clock.sleep(EIGHT_HOURS);
    t.clock.advance(MAX_SLEEP_MS);
    return t;
  }

  it('skip: queues nothing and says that 8 runs were missed', async () => {
    const t = await sleepThrough('skip');
    expect(runs(t)).toEqual([]);
    expect(t.notifications).toEqual([
      {
        title: 'Missed runs',
        body: 'This computer was asleep from 11:02 PM to 7:02 AM MST: 8 runs missed, 0 caught up.',
      },
    ]);
  });

  it('run_once: queues one catch-up run for the latest missed occurrence', async () => {
    const t = await sleepThrough('run_once');
    expect(runs(t).map((r) => [r.trigger, iso(r.scheduled_for)])).toEqual([['catch_up', '2026-11-24T14:00:00.000Z']]);
    expect(t.notifications.map((n) => n.body)).toEqual([
      'This computer was asleep from 11:02 PM to 7:02 AM MST: 8 runs missed, 1 caught up.',
    ]);
  });

  it('run_all: queues every missed occurrence, in order', async () => {
    const t = await sleepThrough('run_all');
    const fired = runs(t);
    expect(fired.map((r) => iso(r.scheduled_for))).toEqual(
      Array.from({ length: 8 }, (_, i) => iso(at('2026-11-24T07:00:00Z') + i * 3600_000)),
    );
    expect(fired.every((r) => r.trigger === 'catch_up')).toBe(true);
    expect(t.notifications.map((n) => n.body)).toEqual([
      'This computer was asleep from 11:02 PM to 7:02 AM MST: 8 runs missed, 8 caught up.',
    ]);
  });

  it('does not catch up occurrences older than the grace window', async () => {
    const t = await start({ clock: new FakeClock(SLEEP_START - 60_000) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      misfirePolicy: 'run_all',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    new Database(join(t.dataDir, DATABASE_FILE))
      .prepare('UPDATE tasks SET misfire_grace_ms = ? WHERE id = ?')
      .run(2 * 3600_000 + 60_000, task.id);
    t.clock.advance(60_000);
    t.clock.sleep(EIGHT_HOURS);
    t.clock.advance(MAX_SLEEP_MS);
    expect(runs(t).map((r) => iso(r.scheduled_for))).toEqual(['2026-11-24T13:00:00.000Z', '2026-11-24T14:00:00.000Z']);
  });

  it('tells the user when Ridgeline itself was not running, at the next start', async () => {
    const dataDir = makeTempDir();
    const clock = new FakeClock(at('2026-11-24T06:02:00Z'));
    const first = makeTestRuntime({ dataDir, clock });
    await first.runtime.start();
    await first.runtime.api.call('tasks.create', { title: 'Hourly', schedule: { kind: 'cron', expr: '0 * * * *' } });
    await first.runtime.stop();
    clock.jumpTo(at('2026-11-24T14:45:00Z'));
    const second = await start({ dataDir, clock });
    expect(second.notifications.map((n) => n.body)).toEqual([
      'Ridgeline was not running from 11:02 PM to 7:45 AM MST: 8 runs missed, 1 caught up.',
    ]);
    const [event] = (await second.runtime.api.call('events.list', { limit: 1 })).items;
    expect(event).toMatchObject({ type: 'scheduler:not_running', payload: { missed: 8, caughtUp: 1 } });
  });
});

describe('scheduler controls', () => {
  it('pauses the whole scheduler; occurrences passed while paused are skipped, not caught up', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Every 15',
      schedule: { kind: 'interval', expr: 'every 15m from 2026-11-23T08:00' },
    });
    expect((await t.runtime.api.call('scheduler.pause', {})).paused).toBe(true);
    t.clock.advance(3600_000);
    expect(runs(t)).toEqual([]);
    const status = await t.runtime.api.call('scheduler.resume', {});
    expect(status).toMatchObject({
      paused: false,
      nextRunAt: '2026-11-23T16:15:00.000Z',
      nextTaskId: task.id,
      nextTaskTitle: 'Every 15',
    });
    t.clock.advance(15 * 60_000);
    expect(runs(t).map((r) => iso(r.scheduled_for))).toEqual(['2026-11-23T16:15:00.000Z']);
  });

  it('pauses a single task and resumes it from the next occurrence', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    expect((await t.runtime.api.call('tasks.pause', { id: task.id })).nextRunAt).toBeNull();
    t.clock.advance(2 * 3600_000);
    expect(runs(t)).toEqual([]);
    expect((await t.runtime.api.call('tasks.resume', { id: task.id })).nextRunAt).toBe('2026-11-23T18:00:00.000Z');
  });

  it('runs a task now, whatever its schedule', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', { title: 'Manual one' });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    expect(run).toMatchObject({ taskId: task.id, trigger: 'manual', status: 'queued', scheduledFor: iso(MONDAY_8AM) });
  });

  it('snoozes: skipping the next occurrence, or delaying it without touching the ones after', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Briefing',
      schedule: { kind: 'cron', expr: '30 8 * * *' },
    });
    const skipped = await t.runtime.api.call('tasks.snooze', { id: task.id, action: 'skip_next' });
    expect(skipped.nextRunAt).toBe('2026-11-24T15:30:00.000Z');
    const delayed = await t.runtime.api.call('tasks.snooze', { id: task.id, action: 'delay', delayMinutes: 45 });
    expect(delayed.nextRunAt).toBe('2026-11-24T16:15:00.000Z');
    t.clock.jumpTo(at('2026-11-24T16:10:00Z'));
    t.clock.advance(10 * 60_000);
    expect(runs(t).map((r) => [r.trigger, iso(r.scheduled_for), iso(r.queued_at)])).toEqual([
      ['schedule', '2026-11-24T15:30:00.000Z', '2026-11-24T16:15:00.000Z'],
    ]);
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).nextRunAt).toBe('2026-11-25T15:30:00.000Z');
    const tooLong = await t.runtime.api
      .call('tasks.snooze', { id: task.id, action: 'delay', delayMinutes: 25 * 60 })
      .catch((e: unknown) => e);
    expect((tooLong as { details: unknown }).details).toEqual({
      issues: [
        { path: 'delayMinutes', message: 'would move this run past the next one (8:30 AM MST); skip it instead' },
      ],
    });
  });

  it('refuses a bad schedule expression on write, naming what is wrong', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    const error = (await t.runtime.api
      .call('tasks.create', { title: 'Bad', schedule: { kind: 'cron', expr: '61 8 * * *' } })
      .catch((e: unknown) => e)) as { code: string; details: { issues: { path: string; message: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues[0]?.path).toBe('schedule.expr');
    expect(error.details.issues[0]?.message).toMatch(/minute/);
    expect((await t.runtime.api.call('tasks.list', {})).total).toBe(0);
  });
});

describe('scheduler health', () => {
  /** Loses the next timer it is asked for, as a loop whose wake never comes would. */
  /** Never calls the next timer set for `lose` ms: the scheduler's wake, not another part's timer. */
  class LosingClock extends FakeClock {
    lose: number | undefined;
    override setTimer(fn: () => void, ms: number): () => void {
      if (ms !== this.lose) return super.setTimer(fn, ms);
      this.lose = undefined;
      return () => undefined;
    }
  }

  it('reports a loop that stopped ticking while the process lives, and restarts it', async () => {
    const clock = new LosingClock(MONDAY_8AM);
    const t = await start({ clock });
    // The scheduler's next wake: at most MAX_SLEEP_MS on, then the one for 08:01 never comes.
    clock.lose = MAX_SLEEP_MS;
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Soon',
      schedule: { kind: 'once', expr: '2026-11-23T08:01' },
    });
    clock.advance(60_000);
    expect(runs(t)).toEqual([]);
    clock.advance(MAX_SLEEP_MS + 60_000);
    expect(t.notifications.map((n) => n.title)).toEqual(['Scheduler stalled']);
    const [stalled] = (await t.runtime.api.call('events.list', {})).items.filter((e) => e.type === 'scheduler:stalled');
    expect(stalled?.summary).toMatch(/^The scheduler stopped ticking: its last wake was \d+ s ago/);
    // Restarted a minute late, the occurrence was missed: the default run_once catches it up.
    expect(runs(t).map((r) => [r.task_id, r.trigger])).toEqual([[task.id, 'catch_up']]);
  });

  it('records a heartbeat on every wake', async () => {
    const t = await start({ clock: new FakeClock(MONDAY_8AM) });
    t.clock.advance(5 * 60_000);
    expect((await t.runtime.api.call('scheduler.status', {})).heartbeatAt).toBe(iso(t.clock.now()));
  });
});
