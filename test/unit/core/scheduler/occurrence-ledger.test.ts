// The occurrence ledger on a real runtime and SQLite file with a fake clock: every occurrence a
// schedule was due to have gets one outcome, whatever kept it from its time.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskOccurrences } from '../../../../src-main/core/api/contract';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { MAX_SLEEP_MS } from '../../../../src-main/core/scheduler/scheduler';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { makeTestRuntime, startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function start(clock: FakeClock): Promise<TestRuntime> {
  const t = await startedTestRuntime({ clock });
  running.push(t);
  return t;
}

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const hours = (from: string, n: number): string[] => Array.from({ length: n }, (_, i) => iso(at(from) + i * 3600_000));

/** Oldest first, as [occurrence, outcome, cause]. */
function rows(ledger: TaskOccurrences): [string, string, string | null][] {
  return ledger.items.map((o) => [o.occurrenceAt, o.outcome, o.cause] as [string, string, string | null]).reverse();
}

async function ledgerOf(t: TestRuntime, id: string): Promise<TaskOccurrences> {
  return t.runtime.api.call('tasks.occurrences', { id });
}

// Monday 2026-11-23, 8:00 AM MST.
const MONDAY_8AM = at('2026-11-23T15:00:00Z');
// The machine sleeps from 11:02 PM to 7:02 AM MST through eight hourly occurrences.
const SLEEP_START = at('2026-11-24T06:02:00Z');

describe('the occurrence ledger after an 8-hour sleep', () => {
  async function sleepThrough(policy: 'skip' | 'run_once' | 'run_all'): Promise<TaskOccurrences> {
    const t = await start(new FakeClock(SLEEP_START - 60_000));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly sync',
      misfirePolicy: policy,
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(60_000);
    t.clock.sleep(8 * 3600_000);
    t.clock.advance(MAX_SLEEP_MS);
    return ledgerOf(t, task.id);
  }

  it('skip: records all eight occurrences as missed while asleep', async () => {
    const ledger = await sleepThrough('skip');
    expect(rows(ledger)).toEqual(hours('2026-11-24T07:00:00Z', 8).map((o) => [o, 'missed', 'asleep']));
    expect(ledger.summary).toMatchObject({ total: 8, ran: 0, missedBy: { asleep: 8 } });
  });

  it('run_once: the latest occurrence caught up, the seven before it missed', async () => {
    const ledger = await sleepThrough('run_once');
    const [last, ...earlier] = hours('2026-11-24T07:00:00Z', 8).reverse();
    expect(rows(ledger)).toEqual([
      ...earlier.reverse().map((o) => [o, 'missed', 'asleep']),
      [last, 'caught_up', 'asleep'],
    ]);
    expect(ledger.items[0]!.runId).toEqual(expect.any(String));
    expect(ledger.summary).toMatchObject({ total: 8, ran: 1, counts: { missed: 7, caught_up: 1 } });
  });

  it('run_all: every occurrence caught up, each with its run', async () => {
    const ledger = await sleepThrough('run_all');
    expect(rows(ledger)).toEqual(hours('2026-11-24T07:00:00Z', 8).map((o) => [o, 'caught_up', 'asleep']));
    expect(new Set(ledger.items.map((o) => o.runId)).size).toBe(8);
  });
});

describe('the occurrence ledger', () => {
  it('records on-time fires, and occurrences passed over by a clock moved forward as a clock change', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      misfirePolicy: 'skip',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(3600_000);
    t.clock.jumpTo(at('2026-11-23T18:30:00Z'));
    t.clock.advance(MAX_SLEEP_MS);
    expect(rows(await ledgerOf(t, task.id))).toEqual([
      ['2026-11-23T16:00:00.000Z', 'fired', null],
      ['2026-11-23T17:00:00.000Z', 'clock_change', 'clock_moved_forward'],
      ['2026-11-23T18:00:00.000Z', 'clock_change', 'clock_moved_forward'],
    ]);
  });

  it('reads an on-time fire from its run, writing no row of its own, newest first at any limit', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      misfirePolicy: 'skip',
      overlapPolicy: 'queue',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(2 * 3600_000 + 120_000);
    t.clock.sleep(3 * 3600_000);
    t.clock.advance(MAX_SLEEP_MS);
    t.clock.advance(3600_000);
    const ledger = await ledgerOf(t, task.id);
    expect(rows(ledger)).toEqual([
      ['2026-11-23T16:00:00.000Z', 'fired', null],
      ['2026-11-23T17:00:00.000Z', 'fired', null],
      ...hours('2026-11-23T18:00:00Z', 3).map((o) => [o, 'missed', 'asleep']),
      ['2026-11-23T21:00:00.000Z', 'fired', null],
    ]);
    expect(ledger.summary).toMatchObject({ total: 6, ran: 3, counts: { fired: 3, missed: 3 } });
    const { items: summaries } = await t.runtime.api.call('runs.list', { taskId: task.id });
    const runs = await Promise.all(
      summaries.map(async (r) => (await t.runtime.api.call('runs.get', { id: r.id })).run),
    );
    const fired = ledger.items.filter((o) => o.outcome === 'fired');
    expect(fired.map((o) => [o.occurrenceAt, o.runId, o.recordedAt])).toEqual(
      runs.map((r) => [r.scheduledFor, r.id, r.queuedAt]),
    );
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT outcome, count(*) AS n FROM occurrences GROUP BY outcome').all()).toEqual([
      { outcome: 'missed', n: 3 },
    ]);
    db.close();
    for (const limit of [1, 2, 4]) {
      const page = await t.runtime.api.call('tasks.occurrences', { id: task.id, limit });
      expect(page.items.map((o) => o.occurrenceAt)).toEqual(ledger.items.slice(0, limit).map((o) => o.occurrenceAt));
    }
  });

  it('records what the host missed while it was not running, at the next start', async () => {
    const dataDir = makeTempDir();
    const clock = new FakeClock(SLEEP_START);
    const first = makeTestRuntime({ dataDir, clock });
    await first.runtime.start();
    const task = await first.runtime.api.call('tasks.create', {
      title: 'Hourly',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    await first.runtime.stop();
    clock.jumpTo(at('2026-11-24T09:45:00Z'));
    const second = await startedTestRuntime({ dataDir, clock });
    running.push(second);
    expect(rows(await ledgerOf(second, task.id))).toEqual([
      ['2026-11-24T07:00:00.000Z', 'missed', 'not_running'],
      ['2026-11-24T08:00:00.000Z', 'missed', 'not_running'],
      ['2026-11-24T09:00:00.000Z', 'caught_up', 'not_running'],
    ]);
  });

  it('records the occurrences passed while a task was paused, then goes on firing', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    await t.runtime.api.call('tasks.pause', { id: task.id });
    t.clock.advance(2 * 3600_000 + 60_000);
    await t.runtime.api.call('tasks.resume', { id: task.id });
    t.clock.advance(3600_000);
    expect(rows(await ledgerOf(t, task.id))).toEqual([
      ['2026-11-23T16:00:00.000Z', 'paused', null],
      ['2026-11-23T17:00:00.000Z', 'paused', null],
      ['2026-11-23T18:00:00.000Z', 'fired', null],
    ]);
  });

  it('records the occurrences passed while the whole scheduler was paused', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Every 15',
      schedule: { kind: 'interval', expr: 'every 15m from 2026-11-23T08:00' },
    });
    await t.runtime.api.call('scheduler.pause', {});
    t.clock.advance(40 * 60_000);
    await t.runtime.api.call('scheduler.resume', {});
    expect(rows(await ledgerOf(t, task.id))).toEqual([
      ['2026-11-23T15:15:00.000Z', 'paused', 'scheduler_paused'],
      ['2026-11-23T15:30:00.000Z', 'paused', 'scheduler_paused'],
    ]);
  });

  it('records a skipped snooze, and a delayed one that then fires, keeping when it was delayed to', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Briefing',
      schedule: { kind: 'cron', expr: '30 8 * * *' },
    });
    await t.runtime.api.call('tasks.snooze', { id: task.id, action: 'skip_next' });
    await t.runtime.api.call('tasks.snooze', { id: task.id, action: 'delay', delayMinutes: 45 });
    // Both snoozed occurrences lie ahead of now: the default range, which ends now, shows neither.
    expect(rows(await ledgerOf(t, task.id))).toEqual([]);
    const ahead = await t.runtime.api.call('tasks.occurrences', { id: task.id, to: '2026-11-25T00:00:00Z' });
    expect(rows(ahead)).toEqual([
      ['2026-11-23T15:30:00.000Z', 'snoozed', 'skipped'],
      ['2026-11-24T15:30:00.000Z', 'snoozed', 'delayed'],
    ]);
    expect(ahead.items[0]!.delayedTo).toBe('2026-11-24T16:15:00.000Z');
    t.clock.jumpTo(at('2026-11-24T16:10:00Z'));
    t.clock.advance(10 * 60_000);
    const after = await t.runtime.api.call('tasks.occurrences', { id: task.id, to: '2026-11-25T00:00:00Z' });
    expect(after.items[0]).toMatchObject({
      occurrenceAt: '2026-11-24T15:30:00.000Z',
      outcome: 'fired',
      delayedTo: '2026-11-24T16:15:00.000Z',
      runId: expect.any(String),
    });
  });

  it('records an occurrence whose run the overlap policy skipped', async () => {
    const t = await start(new FakeClock(at('2026-11-23T15:00:30Z')));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Long every minute',
      overlapPolicy: 'skip',
      pipeline: { steps: [{ id: 'hold', uses: 'wait', with: { ms: 600_000 } }] },
      schedule: { kind: 'cron', expr: '* * * * *' },
    });
    t.clock.advance(30_000);
    await vi.waitFor(async () => {
      const { items } = await t.runtime.api.call('runs.list', { taskId: task.id });
      expect(items.map((r) => r.status)).toEqual(['running']);
    });
    t.clock.advance(60_000);
    await vi.waitFor(async () => {
      expect(rows(await ledgerOf(t, task.id))).toEqual([
        ['2026-11-23T15:01:00.000Z', 'fired', null],
        ['2026-11-23T15:02:00.000Z', 'skipped_overlap', null],
      ]);
    });
    const { summary } = await ledgerOf(t, task.id);
    expect(summary).toMatchObject({ total: 2, ran: 1, counts: { fired: 1, skipped_overlap: 1 } });
  });

  it('answers by date range: from inclusive, to exclusive, and refuses a range that ends before it starts', async () => {
    const t = await start(new FakeClock(MONDAY_8AM));
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      // The fake clock gives the worker no time to finish a run before the next hour's.
      overlapPolicy: 'queue',
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(4 * 3600_000);
    const range = await t.runtime.api.call('tasks.occurrences', {
      id: task.id,
      from: '2026-11-23T10:00:00-07:00',
      to: '2026-11-23T18:00:00Z',
    });
    expect(range).toMatchObject({ from: '2026-11-23T17:00:00.000Z', to: '2026-11-23T18:00:00.000Z' });
    expect(rows(range)).toEqual([['2026-11-23T17:00:00.000Z', 'fired', null]]);
    expect(range.summary.total).toBe(1);
    expect((await t.runtime.api.call('tasks.occurrences', { id: task.id, limit: 2 })).summary.total).toBe(4);
    const wrong = await t.runtime.api
      .call('tasks.occurrences', { id: task.id, from: '2026-11-24T00:00:00Z', to: '2026-11-23T00:00:00Z' })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('from: must be before to'),
    });
    const missing = await t.runtime.api.call('tasks.occurrences', { id: 'nope' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not_found' });
  });
});

describe('every task’s ledger at once (occurrences.summary)', () => {
  it('counts each task over the range, those that missed the most first, and totals them all', async () => {
    const t = await start(new FakeClock(SLEEP_START - 60_000));
    for (const policy of ['run_all', 'skip', 'run_once'] as const) {
      await t.runtime.api.call('tasks.create', {
        title: `Hourly ${policy}`,
        misfirePolicy: policy,
        schedule: { kind: 'cron', expr: '0 * * * *' },
      });
    }
    await t.runtime.api.call('tasks.create', { title: 'By hand', schedule: { kind: 'manual' } });
    t.clock.advance(60_000);
    t.clock.sleep(3 * 3600_000);
    t.clock.advance(MAX_SLEEP_MS);

    const all = await t.runtime.api.call('occurrences.summary', {});
    expect(all.tasks).toBe(3);
    expect(all.items.map((i) => [i.title, i.summary.total, i.summary.ran])).toEqual([
      ['Hourly skip', 3, 0],
      ['Hourly run_once', 3, 1],
      ['Hourly run_all', 3, 3],
    ]);
    expect(all.items[0]!.summary.missedBy).toEqual({ asleep: 3 });
    expect(all.totals).toMatchObject({ total: 9, ran: 4, missedBy: { asleep: 5 } });

    const top = await t.runtime.api.call('occurrences.summary', { limit: 1 });
    expect(top.items.map((i) => i.title)).toEqual(['Hourly skip']);
    expect(top).toMatchObject({ tasks: 3, totals: { total: 9 } });

    const before = await t.runtime.api.call('occurrences.summary', { to: iso(SLEEP_START) });
    expect(before).toMatchObject({ tasks: 0, items: [], totals: { total: 0, ran: 0 } });
    const wrong = await t.runtime.api
      .call('occurrences.summary', { from: '2026-11-24T00:00:00Z', to: '2026-11-23T00:00:00Z' })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('from: must be') });
  });
});
