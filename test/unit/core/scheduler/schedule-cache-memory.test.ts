// The schedule cache serves tasks that share a schedule; tasks with schedules of their own compile
// theirs once a day, when it fires, and no cache size helps them. It held 4,096 compiled schedules
// all the same (4.7 MB of live heap after 10,000 distinct ones fired): it must keep a few hundred.
import { describe, expect, it } from 'vitest';
import { compileSchedule, type ScheduleSpec } from '../../../../src-main/core/scheduler/schedule-spec';
import { nextRuns } from '../../../../src-main/core/scheduler/next-run';
import { liveHeap } from '../../../helpers/live-heap';

const ZONES = ['America/Denver', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Sydney', 'UTC'];
const ANCHOR = Date.parse('2026-01-01T00:00:00Z');

/** Task i's schedule as the scale benchmark makes them: cron, RRULE and interval, each its own. */
function distinct(i: number): ScheduleSpec {
  const timezone = ZONES[i % ZONES.length]!;
  const slot = i % 20;
  if (slot < 14) {
    const expr = `${i % 60} ${Math.floor(i / 60) % 24} ${1 + (Math.floor(i / 1440) % 28)} * *`;
    return { kind: 'cron', expr, timezone, anchor: ANCHOR };
  }
  if (slot < 17) {
    const expr = `FREQ=DAILY;BYHOUR=${i % 24};BYMINUTE=${Math.floor(i / 24) % 60}`;
    return { kind: 'rrule', expr, timezone, anchor: ANCHOR };
  }
  return { kind: 'interval', expr: `every ${60 + (i % 600)}m`, timezone, anchor: ANCHOR };
}

describe('the schedule cache with a schedule per task', () => {
  it('keeps under 2.5 MB of heap after 10,000 distinct schedules fired once', () => {
    nextRuns(compileSchedule(distinct(0)), ANCHOR, 1);
    const before = liveHeap();
    for (let i = 1; i <= 10_000; i++) nextRuns(compileSchedule(distinct(i)), ANCHOR, 1);
    expect(liveHeap() - before).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('still hands back the same compiled schedule to tasks that share it', () => {
    const spec = distinct(7);
    expect(compileSchedule({ ...spec })).toBe(compileSchedule({ ...spec }));
  });
});
