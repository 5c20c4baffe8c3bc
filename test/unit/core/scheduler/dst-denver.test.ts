// Exact instants on the four America/Denver DST days of 2026-2027, checked against the DST rule in
// next-run.ts: gap times move forward by the gap, named hours run once in an overlap, every-hour
// schedules run in both copies of the repeated hour, and nothing is dropped or doubled.
import { describe, expect, test } from 'vitest';
import { nextRuns } from '../../../../src-main/core/scheduler/next-run';
import { localRuns } from './local-runs';

const DENVER = 'America/Denver';
const runs = (expr: string, fromIso: string, n: number): string[] => localRuns('cron', expr, DENVER, fromIso, n);
const rrule = (fromIso: string, n: number): string[] =>
  localRuns(
    'rrule',
    'DTSTART;TZID=America/Denver:20260104T013000\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=1,2;BYMINUTE=30',
    DENVER,
    fromIso,
    n,
  );

describe('daily 02:30 (30 2 * * *)', () => {
  test('runs at 03:30 MDT on 2026-03-08, when 02:30 does not exist, instead of being dropped', () => {
    expect(runs('30 2 * * *', '2026-03-07T00:00:00-07:00', 3)).toEqual([
      '2026-03-07T02:30:00-07:00',
      '2026-03-08T03:30:00-06:00',
      '2026-03-09T02:30:00-06:00',
    ]);
  });
  test('runs once at 02:30 MST on 2026-11-01, after the repeated hour', () => {
    expect(runs('30 2 * * *', '2026-10-31T00:00:00-06:00', 3)).toEqual([
      '2026-10-31T02:30:00-06:00',
      '2026-11-01T02:30:00-07:00',
      '2026-11-02T02:30:00-07:00',
    ]);
  });
  test('runs at 03:30 MDT on 2027-03-14', () => {
    expect(runs('30 2 * * *', '2027-03-13T00:00:00-07:00', 3)).toEqual([
      '2027-03-13T02:30:00-07:00',
      '2027-03-14T03:30:00-06:00',
      '2027-03-15T02:30:00-06:00',
    ]);
  });
  test('runs once at 02:30 MST on 2027-11-07', () => {
    expect(runs('30 2 * * *', '2027-11-06T00:00:00-06:00', 3)).toEqual([
      '2027-11-06T02:30:00-06:00',
      '2027-11-07T02:30:00-07:00',
      '2027-11-08T02:30:00-07:00',
    ]);
  });
  test('a start inside the gap still finds the moved 03:30 MDT run', () => {
    expect(runs('30 2 * * *', '2026-03-08T03:10:00-06:00', 1)).toEqual(['2026-03-08T03:30:00-06:00']);
  });
});

describe('daily 01:30 (30 1 * * *)', () => {
  test('runs at 01:30 MST on 2026-03-08, before the gap', () => {
    expect(runs('30 1 * * *', '2026-03-07T00:00:00-07:00', 3)).toEqual([
      '2026-03-07T01:30:00-07:00',
      '2026-03-08T01:30:00-07:00',
      '2026-03-09T01:30:00-06:00',
    ]);
  });
  test('runs only at the first 01:30 (MDT) on 2026-11-01, not again at 01:30 MST', () => {
    expect(runs('30 1 * * *', '2026-10-31T00:00:00-06:00', 3)).toEqual([
      '2026-10-31T01:30:00-06:00',
      '2026-11-01T01:30:00-06:00',
      '2026-11-02T01:30:00-07:00',
    ]);
  });
  test('a start between the two 01:30s on 2026-11-01 does not fire the second one', () => {
    expect(runs('30 1 * * *', '2026-11-01T01:15:00-07:00', 1)).toEqual(['2026-11-02T01:30:00-07:00']);
  });
  test('runs at 01:30 MST on 2027-03-14', () => {
    expect(runs('30 1 * * *', '2027-03-14T00:00:00-07:00', 2)).toEqual([
      '2027-03-14T01:30:00-07:00',
      '2027-03-15T01:30:00-06:00',
    ]);
  });
  test('runs only at the first 01:30 (MDT) on 2027-11-07', () => {
    expect(runs('30 1 * * *', '2027-11-07T00:00:00-06:00', 2)).toEqual([
      '2027-11-07T01:30:00-06:00',
      '2027-11-08T01:30:00-07:00',
    ]);
  });
});

describe('every 30 minutes (*/30 * * * *)', () => {
  test('goes from 01:30 MST to 03:00 MDT across the 2026-03-08 gap, without a double 03:00', () => {
    expect(runs('*/30 * * * *', '2026-03-08T00:45:00-07:00', 6)).toEqual([
      '2026-03-08T01:00:00-07:00',
      '2026-03-08T01:30:00-07:00',
      '2026-03-08T03:00:00-06:00',
      '2026-03-08T03:30:00-06:00',
      '2026-03-08T04:00:00-06:00',
      '2026-03-08T04:30:00-06:00',
    ]);
  });
  test('stays 30 minutes apart through both copies of 01:00-02:00 on 2026-11-01', () => {
    const from = Date.parse('2026-11-01T00:45:00-06:00');
    const instants = nextRuns({ kind: 'cron', expr: '*/30 * * * *', timezone: DENVER }, from, 7);
    expect(instants.slice(1).map((t, i) => t - instants[i]!)).toEqual(Array(6).fill(30 * 60_000));
    expect(runs('*/30 * * * *', '2026-11-01T00:45:00-06:00', 6)).toEqual([
      '2026-11-01T01:00:00-06:00',
      '2026-11-01T01:30:00-06:00',
      '2026-11-01T01:00:00-07:00',
      '2026-11-01T01:30:00-07:00',
      '2026-11-01T02:00:00-07:00',
      '2026-11-01T02:30:00-07:00',
    ]);
  });
  test('goes from 01:30 MST to 03:00 MDT on 2027-03-14', () => {
    expect(runs('*/30 * * * *', '2027-03-14T01:15:00-07:00', 3)).toEqual([
      '2027-03-14T01:30:00-07:00',
      '2027-03-14T03:00:00-06:00',
      '2027-03-14T03:30:00-06:00',
    ]);
  });
  test('runs in both copies of 01:00-02:00 on 2027-11-07', () => {
    expect(runs('*/30 * * * *', '2027-11-07T00:45:00-06:00', 5)).toEqual([
      '2027-11-07T01:00:00-06:00',
      '2027-11-07T01:30:00-06:00',
      '2027-11-07T01:00:00-07:00',
      '2027-11-07T01:30:00-07:00',
      '2027-11-07T02:00:00-07:00',
    ]);
  });
});

describe('hourly (0 * * * *)', () => {
  test('runs at 01:00 MST then 03:00 MDT on 2026-03-08: the 23-hour day has 23 runs', () => {
    expect(runs('0 * * * *', '2026-03-08T00:30:00-07:00', 3)).toEqual([
      '2026-03-08T01:00:00-07:00',
      '2026-03-08T03:00:00-06:00',
      '2026-03-08T04:00:00-06:00',
    ]);
    expect(runs('0 * * * *', '2026-03-07T23:30:00-07:00', 24).filter((t) => t.startsWith('2026-03-08'))).toHaveLength(
      23,
    );
  });
  test('runs at 01:00 MDT and 01:00 MST on 2026-11-01: the 25-hour day has 25 runs', () => {
    expect(runs('0 * * * *', '2026-11-01T00:30:00-06:00', 4)).toEqual([
      '2026-11-01T01:00:00-06:00',
      '2026-11-01T01:00:00-07:00',
      '2026-11-01T02:00:00-07:00',
      '2026-11-01T03:00:00-07:00',
    ]);
    expect(runs('0 * * * *', '2026-10-31T23:30:00-06:00', 26).filter((t) => t.startsWith('2026-11-01'))).toHaveLength(
      25,
    );
  });
  test('runs at 01:00 MST then 03:00 MDT on 2027-03-14', () => {
    expect(runs('0 * * * *', '2027-03-14T00:30:00-07:00', 2)).toEqual([
      '2027-03-14T01:00:00-07:00',
      '2027-03-14T03:00:00-06:00',
    ]);
  });
  test('runs at 01:00 MDT and 01:00 MST on 2027-11-07', () => {
    expect(runs('0 * * * *', '2027-11-07T00:30:00-06:00', 3)).toEqual([
      '2027-11-07T01:00:00-06:00',
      '2027-11-07T01:00:00-07:00',
      '2027-11-07T02:00:00-07:00',
    ]);
  });
});

describe('weekly RRULE on Sundays at 01:30 and 02:30', () => {
  test('2026-03-08: 01:30 MST, and 02:30 moved to 03:30 MDT', () => {
    expect(rrule('2026-03-07T00:00:00-07:00', 3)).toEqual([
      '2026-03-08T01:30:00-07:00',
      '2026-03-08T03:30:00-06:00',
      '2026-03-15T01:30:00-06:00',
    ]);
  });
  test('2026-11-01: 01:30 once (MDT), then 02:30 MST', () => {
    expect(rrule('2026-10-31T00:00:00-06:00', 3)).toEqual([
      '2026-11-01T01:30:00-06:00',
      '2026-11-01T02:30:00-07:00',
      '2026-11-08T01:30:00-07:00',
    ]);
  });
  test('2027-03-14: 01:30 MST, and 02:30 moved to 03:30 MDT', () => {
    expect(rrule('2027-03-13T00:00:00-07:00', 3)).toEqual([
      '2027-03-14T01:30:00-07:00',
      '2027-03-14T03:30:00-06:00',
      '2027-03-21T01:30:00-06:00',
    ]);
  });
  test('2027-11-07: 01:30 once (MDT), then 02:30 MST', () => {
    expect(rrule('2027-11-06T00:00:00-06:00', 3)).toEqual([
      '2027-11-07T01:30:00-06:00',
      '2027-11-07T02:30:00-07:00',
      '2027-11-14T01:30:00-07:00',
    ]);
  });
  test('an hourly RRULE runs in both copies of the repeated hour, like cron with hour *', () => {
    const expr = 'DTSTART:20260101T000000\nRRULE:FREQ=HOURLY';
    expect(localRuns('rrule', expr, DENVER, '2026-11-01T00:30:00-06:00', 3)).toEqual([
      '2026-11-01T01:00:00-06:00',
      '2026-11-01T01:00:00-07:00',
      '2026-11-01T02:00:00-07:00',
    ]);
  });
});
