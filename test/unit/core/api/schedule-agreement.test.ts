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

// The morning-briefing example of the Ordinaut seed: no DTSTART, only the rule and a timezone.
const BRIEFING = {
  kind: 'rrule' as const,
  expr: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30',
  timezone: 'America/Denver',
};

function firedRuns(dataDir: string): string[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT scheduled_for FROM runs ORDER BY scheduled_for').pluck().all() as number[];
    return rows.map((ms) => new Date(ms).toISOString());
  } finally {
    db.close();
  }
}

describe('an RRULE without DTSTART', () => {
  it('is accepted by schedules.validate and tasks.create, starting from now in the schedule zone', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-03-04T20:17:42Z')) });
    expect(await t.runtime.api.call('schedules.validate', { schedule: BRIEFING })).toEqual({
      valid: true,
      description: 'Every weekday at 08:30, Mountain Time',
      issues: [],
    });
    const task = await t.runtime.api.call('tasks.create', { title: 'Weekday Morning Briefing', schedule: BRIEFING });
    expect(task.nextRunAt).toBe('2026-03-05T15:30:00.000Z');
  });

  it('previews 8:30 AM Denver time on weekdays across the start of daylight time (2026-03-08)', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-03-04T20:00:00Z')) });
    const preview = await t.runtime.api.call('schedules.preview', { schedule: BRIEFING, count: 5 });
    expect(preview.occurrences).toEqual([
      { at: '2026-03-05T15:30:00.000Z', local: '2026-03-05T08:30:00-07:00' },
      { at: '2026-03-06T15:30:00.000Z', local: '2026-03-06T08:30:00-07:00' },
      { at: '2026-03-09T14:30:00.000Z', local: '2026-03-09T08:30:00-06:00', dstChange: 'starts' },
      { at: '2026-03-10T14:30:00.000Z', local: '2026-03-10T08:30:00-06:00' },
      { at: '2026-03-11T14:30:00.000Z', local: '2026-03-11T08:30:00-06:00' },
    ]);
  });

  it('fires at 8:30 AM Denver time on the Friday before and the Monday after 2026-11-01', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-10-30T12:00:00Z')) });
    await t.runtime.api.call('tasks.create', { title: 'Briefing', schedule: BRIEFING });
    t.clock.jumpTo(Date.parse('2026-10-30T14:30:00Z'));
    t.clock.advance(MAX_SLEEP_MS);
    expect(firedRuns(t.dataDir)).toEqual(['2026-10-30T14:30:00.000Z']);
    // Nothing fires over the weekend, and Monday's 8:30 is MST (UTC-7).
    t.clock.jumpTo(Date.parse('2026-11-02T15:29:00Z'));
    t.clock.advance(MAX_SLEEP_MS);
    expect(firedRuns(t.dataDir)).toEqual(['2026-10-30T14:30:00.000Z']);
    t.clock.advance(60_000);
    t.clock.advance(MAX_SLEEP_MS);
    expect(firedRuns(t.dataDir)).toEqual(['2026-10-30T14:30:00.000Z', '2026-11-02T15:30:00.000Z']);
  });

  it('runs a rule naming hours but no minutes on the hour, not at the minute it was made', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-11-23T20:17:42Z')) });
    const preview = await t.runtime.api.call('schedules.preview', {
      schedule: { kind: 'rrule', expr: 'FREQ=DAILY;BYHOUR=9,17', timezone: 'America/Denver' },
      count: 2,
    });
    expect(preview.occurrences.map((o) => o.local)).toEqual(['2026-11-23T17:00:00-07:00', '2026-11-24T09:00:00-07:00']);
  });
});

describe('a once schedule in the past', () => {
  const PAST = { kind: 'once' as const, expr: '2026-11-20T08:00', timezone: 'America/Denver' };
  const issue = {
    path: 'schedule.expr',
    message: '2026-11-20T08:00 is in the past; a once schedule needs a future time',
  };

  it('is refused by schedules.validate and tasks.create with the same issue', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-11-21T12:00:00Z')) });
    expect(await t.runtime.api.call('schedules.validate', { schedule: PAST })).toEqual({
      valid: false,
      description: null,
      issues: [issue],
    });
    const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: 'Late', schedule: PAST }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([issue]);
    expect(error.message).toBe(`${issue.path}: ${issue.message}`);
  });

  it('is accepted by both while it is still ahead', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-11-19T12:00:00Z')) });
    expect((await t.runtime.api.call('schedules.validate', { schedule: PAST })).valid).toBe(true);
    const task = await t.runtime.api.call('tasks.create', { title: 'Soon', schedule: PAST });
    expect(task.nextRunAt).toBe('2026-11-20T15:00:00.000Z');
  });
});
