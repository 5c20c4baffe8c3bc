import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { MAX_SLEEP_MS } from '../../../../src-main/core/scheduler/scheduler';
import { appErrorOf } from '../../../helpers/app-error';
import { FakeClock } from '../../../helpers/fake-clock';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const HOUR = 3600_000;

function scheduledRuns(dataDir: string): string[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT scheduled_for FROM runs ORDER BY scheduled_for').pluck().all() as number[];
    return rows.map((ms) => new Date(ms).toISOString());
  } finally {
    db.close();
  }
}

describe('the misfire grace window through the API', () => {
  it('is stored by tasks.create, returned by tasks.get, changed by tasks.update and reset by null', async () => {
    t = await startedTestRuntime();
    const created = await t.runtime.api.call('tasks.create', { title: 'Hourly', misfireGraceMs: 2 * HOUR });
    expect(created.misfireGraceMs).toBe(2 * HOUR);
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).misfireGraceMs).toBe(2 * HOUR);
    await t.runtime.api.call('tasks.update', { id: created.id, misfireGraceMs: 30 * 60_000 });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).misfireGraceMs).toBe(30 * 60_000);
    await t.runtime.api.call('tasks.update', { id: created.id, title: 'Renamed' });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).misfireGraceMs).toBe(30 * 60_000);
    await t.runtime.api.call('tasks.update', { id: created.id, misfireGraceMs: null });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).misfireGraceMs).toBeNull();
    expect((await t.runtime.api.call('tasks.create', { title: 'Default' })).misfireGraceMs).toBeNull();
  });

  it('refuses a grace window that is not a positive duration, naming the field', async () => {
    t = await startedTestRuntime();
    const cases: [unknown, string][] = [
      [0, 'must be a positive duration in milliseconds'],
      [-60_000, 'must be a positive duration in milliseconds'],
      [1.5, 'must be a whole number of milliseconds'],
      ['2h', 'must be a duration in milliseconds, e.g. 7200000 for 2 hours'],
      [400 * 24 * HOUR, 'must be at most 366 days (31622400000 ms)'],
    ];
    for (const [value, message] of cases) {
      const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: 'Bad', misfireGraceMs: value }));
      expect(error.code).toBe('validation_failed');
      expect(error.details.issues).toEqual([{ path: 'misfireGraceMs', message }]);
      expect(error.message).toContain(`misfireGraceMs: ${message}`);
    }
  });

  it('catches up only the occurrences inside the window the task set through the API', async () => {
    // An hourly run_all task; the machine sleeps from 11:02 PM to 7:02 AM MST (8 occurrences missed).
    const sleepStart = Date.parse('2026-11-24T06:02:00Z');
    t = await startedTestRuntime({ clock: new FakeClock(sleepStart - 60_000) });
    await t.runtime.api.call('tasks.create', {
      title: 'Hourly',
      misfirePolicy: 'run_all',
      misfireGraceMs: 2 * HOUR + 60_000,
      schedule: { kind: 'cron', expr: '0 * * * *' },
    });
    t.clock.advance(60_000);
    t.clock.jumpTo(sleepStart + 8 * HOUR);
    t.clock.advance(MAX_SLEEP_MS);
    expect(scheduledRuns(t.dataDir)).toEqual(['2026-11-24T13:00:00.000Z', '2026-11-24T14:00:00.000Z']);
  });
});
