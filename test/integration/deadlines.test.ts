import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { BURST_WINDOW_MS } from '../../src-main/core/notify/burst';
import { FakeClock } from '../helpers/fake-clock';
import { startedTestRuntime, type TestRuntime } from '../helpers/test-runtime';

// Deadlines through the whole runtime: a real SQLite file, the real scheduler and notification
// centre, on a fake clock that the test moves (jumps, as a wall-clock change or a long sleep would).
// The notifier records what the centre lets through instead of showing it (no desktop here).
let t: TestRuntime | undefined;
afterEach(async () => t?.runtime.stop());

const HOUR = 3_600_000;
// Monday 2026-11-23 08:30 MST.
const START = Date.parse('2026-11-23T15:30:00Z');
// Wednesday 2026-11-25 17:00 MST.
const DEADLINE = Date.parse('2026-11-26T00:00:00Z');

async function settle(rt: TestRuntime): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  rt.clock.advance(0);
  await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Sets the wall clock to `at` and lets the watch's timer (at most 30 s) fire, then lets the
 * notification centre's burst window close so a notice held in it is shown.
 */
async function jumpTo(rt: TestRuntime, at: number): Promise<void> {
  rt.clock.jumpTo(at - 30_000);
  rt.clock.advance(30_000);
  await settle(rt);
  rt.clock.advance(BURST_WINDOW_MS);
  await settle(rt);
}

function deadlineNotices(rt: TestRuntime) {
  return rt.notifications.filter((n) => n.taskId !== undefined).map((n) => `${n.title} | ${n.body}`);
}

describe('deadline notices', () => {
  it('tells "at risk" 24 h before and "overdue" at the deadline, in Mountain Time, once each across a restart', async () => {
    const clock = new FakeClock(START);
    t = await startedTestRuntime({ clock });
    const dataDir = t.dataDir;
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Quarterly report',
      deadline: new Date(DEADLINE).toISOString(),
    });
    await settle(t);
    expect(deadlineNotices(t)).toEqual([]);

    await jumpTo(t, DEADLINE - 25 * HOUR);
    expect(deadlineNotices(t)).toEqual([]);
    await jumpTo(t, DEADLINE - 23 * HOUR);
    expect(deadlineNotices(t)).toEqual([
      'Quarterly report is at risk of missing its deadline | Due Wed, Nov 25, 5:00 PM MST and no run has succeeded yet.',
    ]);
    const atRisk = await t.runtime.api.call('tasks.list', { deadline: ['at_risk'] });
    expect(atRisk.items.map((i) => [i.id, i.deadlineState])).toEqual([[task.id, 'at_risk']]);

    await jumpTo(t, DEADLINE + 1000);
    expect(deadlineNotices(t)).toHaveLength(2);
    expect(deadlineNotices(t)[1]).toBe(
      'Quarterly report is overdue | It was due Wed, Nov 25, 5:00 PM MST and no run has succeeded.',
    );
    expect((await t.runtime.api.call('tasks.list', {})).items[0]!.deadlineState).toBe('overdue');
    const events = await t.runtime.api.call('events.list', { taskId: task.id });
    expect(events.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['task:deadline_at_risk', 'task:deadline_overdue']),
    );

    // A restart finds both notices already told.
    await t.runtime.stop();
    t = await startedTestRuntime({ dataDir, clock });
    await jumpTo(t, DEADLINE + 2 * HOUR);
    expect(deadlineNotices(t)).toEqual([]);

    // A new deadline is told afresh.
    const later = DEADLINE + 72 * HOUR;
    await t.runtime.api.call('tasks.update', { id: task.id, deadline: new Date(later).toISOString() });
    await settle(t);
    expect(deadlineNotices(t)).toEqual([]);
    await jumpTo(t, later - 2 * HOUR);
    expect(deadlineNotices(t)).toEqual([
      'Quarterly report is at risk of missing its deadline | Due Sat, Nov 28, 5:00 PM MST and no run has succeeded yet.',
    ]);
    await t.runtime.stop();
    t = undefined;
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM deadline_alerts').pluck().get()).toBe(3);
    db.close();
  });

  it('tells a task whose deadline passed while it was off only "overdue", not "at risk" as well', async () => {
    const clock = new FakeClock(START);
    t = await startedTestRuntime({ clock });
    await t.runtime.api.call('tasks.create', { title: 'Taxes', deadline: new Date(DEADLINE).toISOString() });
    const dataDir = t.dataDir;
    await t.runtime.stop();
    clock.jumpTo(DEADLINE + 5 * HOUR);
    t = await startedTestRuntime({ dataDir, clock });
    await settle(t);
    expect(deadlineNotices(t)).toEqual([
      'Taxes is overdue | It was due Wed, Nov 25, 5:00 PM MST and no run has succeeded.',
    ]);
  });

  it('says nothing for a task whose run succeeded before its deadline', async () => {
    const clock = new FakeClock(START);
    t = await startedTestRuntime({ clock });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Send invoice',
      deadline: new Date(DEADLINE).toISOString(),
      pipeline: { steps: [{ id: 'pause', uses: 'wait', with: { ms: 0 } }] },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    const until = Date.now() + 10_000;
    while ((await t.runtime.api.call('runs.get', { id: run.id })).run.status !== 'succeeded') {
      if (Date.now() > until) throw new Error('the run did not succeed in 10 s');
      await settle(t);
    }
    await jumpTo(t, DEADLINE - HOUR);
    await jumpTo(t, DEADLINE + HOUR);
    expect(deadlineNotices(t)).toEqual([]);
    expect((await t.runtime.api.call('tasks.list', {})).items[0]!.deadlineState).toBeNull();
  });
});
