// nextRuns and occurrencesBetween for every schedule kind: cron syntax, RRULE limits, once,
// interval, manual, exclusive starts, and a whole year of a daily job with nothing lost or doubled.
import { describe, expect, test } from 'vitest';
import { toLocalIso } from '../../../../src-main/core/lib/local-time';
import { nextRuns, occurrencesBetween } from '../../../../src-main/core/scheduler/next-run';
import type { ScheduleSpec } from '../../../../src-main/core/scheduler/schedule-spec';
import { localRuns } from './local-runs';

const DENVER = 'America/Denver';
const at = Date.parse;

describe('cron', () => {
  test('from is exclusive: an occurrence exactly at from is not returned, one 1 ms later is', () => {
    const spec: ScheduleSpec = { kind: 'cron', expr: '30 8 * * *', timezone: DENVER };
    const occurrence = at('2026-06-01T08:30:00-06:00');
    expect(nextRuns(spec, occurrence, 1)).toEqual([at('2026-06-02T08:30:00-06:00')]);
    expect(nextRuns(spec, occurrence - 1, 1)).toEqual([occurrence]);
  });
  test('a 6-field expression reads seconds first', () => {
    expect(localRuns('cron', '*/20 * * * * *', DENVER, '2026-06-01T08:00:00-06:00', 3)).toEqual([
      '2026-06-01T08:00:20-06:00',
      '2026-06-01T08:00:40-06:00',
      '2026-06-01T08:01:00-06:00',
    ]);
    expect(localRuns('cron', '15 30 8 * * *', DENVER, '2026-06-01T00:00:00-06:00', 1)).toEqual([
      '2026-06-01T08:30:15-06:00',
    ]);
  });
  test('day-of-month and day-of-week are OR-ed when both are restricted, as in Vixie cron', () => {
    expect(localRuns('cron', '0 12 13 * FRI', DENVER, '2026-01-01T00:00:00-07:00', 4)).toEqual([
      '2026-01-02T12:00:00-07:00',
      '2026-01-09T12:00:00-07:00',
      '2026-01-13T12:00:00-07:00',
      '2026-01-16T12:00:00-07:00',
    ]);
    expect(localRuns('cron', '0 12 13 * *', DENVER, '2026-01-01T00:00:00-07:00', 2)).toEqual([
      '2026-01-13T12:00:00-07:00',
      '2026-02-13T12:00:00-07:00',
    ]);
  });
  test('reads month and weekday names, ranges and lists', () => {
    expect(localRuns('cron', '0 9 * JAN,JUL MON-FRI', DENVER, '2026-06-30T12:00:00-06:00', 2)).toEqual([
      '2026-07-01T09:00:00-06:00',
      '2026-07-02T09:00:00-06:00',
    ]);
    expect(localRuns('cron', '0 9 * * 7', DENVER, '2026-06-01T00:00:00-06:00', 1)).toEqual([
      '2026-06-07T09:00:00-06:00',
    ]);
  });
  test('a whole year of a daily 02:30 job gives one run per local date, 365 in all', () => {
    const instants = occurrencesBetween(
      { kind: 'cron', expr: '30 2 * * *', timezone: DENVER },
      at('2026-01-01T00:00:00-07:00'),
      at('2027-01-01T00:00:00-07:00'),
      1000,
    );
    const dates = instants.map((t) => toLocalIso(t, DENVER).slice(0, 10));
    expect(instants).toHaveLength(365);
    expect(new Set(dates).size).toBe(365);
  });
  test('a whole leap year of a daily 01:30 job gives 366 runs, one per local date', () => {
    const instants = nextRuns(
      { kind: 'cron', expr: '30 1 * * *', timezone: DENVER },
      at('2028-01-01T00:00:00-07:00'),
      367,
    );
    const dates = instants.map((t) => toLocalIso(t, DENVER).slice(0, 10));
    expect(new Set(dates.filter((d) => d.startsWith('2028'))).size).toBe(366);
    expect(dates.filter((d) => d.startsWith('2028'))).toHaveLength(366);
  });
});

describe('occurrencesBetween', () => {
  const spec: ScheduleSpec = { kind: 'cron', expr: '0 * * * *', timezone: DENVER };
  test('covers (after, until]: the end is included, the start is not', () => {
    const runs = occurrencesBetween(spec, at('2026-06-01T08:00:00-06:00'), at('2026-06-01T11:00:00-06:00'), 10);
    expect(runs.map((t) => toLocalIso(t, DENVER))).toEqual([
      '2026-06-01T09:00:00-06:00',
      '2026-06-01T10:00:00-06:00',
      '2026-06-01T11:00:00-06:00',
    ]);
  });
  test('returns the earliest `limit` occurrences of a long window', () => {
    const runs = occurrencesBetween(spec, at('2026-06-01T08:00:00-06:00'), at('2026-06-30T00:00:00-06:00'), 2);
    expect(runs).toEqual([at('2026-06-01T09:00:00-06:00'), at('2026-06-01T10:00:00-06:00')]);
  });
  test('includes both 01:00s of the fall-back night in an 8-hour window', () => {
    const runs = occurrencesBetween(spec, at('2026-10-31T23:30:00-06:00'), at('2026-11-01T07:30:00-07:00'), 100);
    expect(runs).toHaveLength(9);
  });
});

describe('rrule', () => {
  test('honours COUNT, counted from DTSTART', () => {
    const expr = 'DTSTART:20260302T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4';
    expect(localRuns('rrule', expr, DENVER, '2026-03-03T00:00:00-07:00', 10)).toEqual([
      '2026-03-04T08:30:00-07:00',
      '2026-03-06T08:30:00-07:00',
      '2026-03-09T08:30:00-06:00',
    ]);
  });
  test('reads a UTC UNTIL as an instant, and a date-only UNTIL as through that day', () => {
    const utcUntil = 'DTSTART:20260301T083000\nRRULE:FREQ=DAILY;UNTIL=20260303T153000Z';
    expect(localRuns('rrule', utcUntil, DENVER, '2026-03-01T00:00:00-07:00', 10)).toHaveLength(3);
    const dateUntil = 'DTSTART:20260301T083000\nRRULE:FREQ=DAILY;UNTIL=20260303';
    expect(localRuns('rrule', dateUntil, DENVER, '2026-03-01T00:00:00-07:00', 10)).toHaveLength(3);
  });
  test('a UTC DTSTART keeps its instant and then repeats on the zone wall clock', () => {
    const expr = 'DTSTART:20260302T153000Z\nRRULE:FREQ=DAILY';
    expect(localRuns('rrule', expr, DENVER, '2026-03-07T00:00:00-07:00', 2)).toEqual([
      '2026-03-07T08:30:00-07:00',
      '2026-03-08T08:30:00-06:00',
    ]);
  });
  test('accepts DTSTART and RRULE on one line, split by a space', () => {
    const expr = 'DTSTART;TZID=America/Denver:20260302T083000 RRULE:FREQ=DAILY';
    expect(localRuns('rrule', expr, DENVER, '2026-03-02T09:00:00-07:00', 1)).toEqual(['2026-03-03T08:30:00-07:00']);
  });
  test('a rule that started years ago gives the same occurrences as iterating from its DTSTART', () => {
    // COUNT turns off the fast-forward, so the second rule walks every occurrence since 2020.
    // 2026-11-02T02:17 is 2020-01-01T00:17 plus a whole number of 5-hour steps (checked by hand).
    const fast = 'DTSTART:20200101T001700\nRRULE:FREQ=HOURLY;INTERVAL=5;BYDAY=MO,TH';
    const slow = `${fast};COUNT=100000`;
    const from = '2026-11-01T00:00:00-06:00';
    expect(localRuns('rrule', fast, DENVER, from, 12)).toEqual(localRuns('rrule', slow, DENVER, from, 12));
    expect(localRuns('rrule', fast, DENVER, from, 1)).toEqual(['2026-11-02T02:17:00-07:00']);
    const weekly = 'DTSTART:20190103T073000\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH;WKST=SU';
    expect(localRuns('rrule', weekly, DENVER, from, 8)).toEqual(
      localRuns('rrule', `${weekly};COUNT=9999`, DENVER, from, 8),
    );
  });
  test('an UNTIL far in the future does not end the rule early', () => {
    const expr = 'DTSTART:20260101T090000\nRRULE:FREQ=DAILY;UNTIL=99991231T000000';
    expect(localRuns('rrule', expr, DENVER, '2026-11-03T00:00:00-07:00', 1)).toEqual(['2026-11-03T09:00:00-07:00']);
  });
});

describe('once', () => {
  test('a local date-time is read in the schedule zone and gives one occurrence only', () => {
    expect(localRuns('once', '2026-12-01T08:30', DENVER, '2026-11-01T00:00:00Z', 3)).toEqual([
      '2026-12-01T08:30:00-07:00',
    ]);
  });
  test('an instant with Z or an offset is that instant, whatever the zone', () => {
    expect(localRuns('once', '2026-12-01T15:30:00Z', DENVER, '2026-11-01T00:00:00Z', 3)).toEqual([
      '2026-12-01T08:30:00-07:00',
    ]);
    expect(localRuns('once', '2026-12-01T15:30:00+01:00', 'Asia/Kolkata', '2026-11-01T00:00:00Z', 1)).toEqual([
      '2026-12-01T20:00:00+05:30',
    ]);
  });
  test('a local time in the gap moves forward and one in the overlap takes the first instance', () => {
    expect(localRuns('once', '2026-03-08T02:30', DENVER, '2026-03-01T00:00:00Z', 1)).toEqual([
      '2026-03-08T03:30:00-06:00',
    ]);
    expect(localRuns('once', '2026-11-01T01:30', DENVER, '2026-10-01T00:00:00Z', 1)).toEqual([
      '2026-11-01T01:30:00-06:00',
    ]);
  });
  test('a once schedule that has passed has no next run', () => {
    expect(localRuns('once', '2026-12-01T08:30', DENVER, '2026-12-01T15:30:00Z', 1)).toEqual([]);
  });
});

describe('interval', () => {
  test('every 2h is 7,200 s apart through the fall-back night (elapsed time, not wall clock)', () => {
    const spec: ScheduleSpec = { kind: 'interval', expr: 'every 2h from 2026-10-31T20:00', timezone: DENVER };
    const runs = nextRuns(spec, at('2026-10-31T00:00:00Z'), 5);
    expect(runs.slice(1).map((t, i) => t - runs[i]!)).toEqual(Array(4).fill(7_200_000));
    expect(runs.map((t) => toLocalIso(t, DENVER))).toEqual([
      '2026-10-31T20:00:00-06:00',
      '2026-10-31T22:00:00-06:00',
      '2026-11-01T00:00:00-06:00',
      '2026-11-01T01:00:00-07:00',
      '2026-11-01T03:00:00-07:00',
    ]);
  });
  test('every 2h through the spring-forward night shows a 3-hour wall-clock step', () => {
    const spec: ScheduleSpec = { kind: 'interval', expr: 'every 2 hours from 2026-03-08T00:00', timezone: DENVER };
    expect(nextRuns(spec, at('2026-03-08T00:00:00-07:00'), 2).map((t) => toLocalIso(t, DENVER))).toEqual([
      '2026-03-08T03:00:00-06:00',
      '2026-03-08T05:00:00-06:00',
    ]);
  });
  test('counts from the anchor field (the task creation time) when the expression has no "from"', () => {
    const created = at('2026-06-01T08:07:00Z');
    const spec: ScheduleSpec = { kind: 'interval', expr: 'every 15m', timezone: DENVER, anchor: created };
    expect(nextRuns(spec, at('2026-06-01T09:00:00Z'), 2)).toEqual([
      at('2026-06-01T09:07:00Z'),
      at('2026-06-01T09:22:00Z'),
    ]);
  });
  test('a "from" in the expression wins over the anchor field, and nothing runs before it', () => {
    const spec: ScheduleSpec = {
      kind: 'interval',
      expr: 'every 1h from 2026-06-01T10:00:00Z',
      timezone: DENVER,
      anchor: at('2026-06-01T08:07:00Z'),
    };
    expect(nextRuns(spec, at('2026-06-01T00:00:00Z'), 2)).toEqual([
      at('2026-06-01T10:00:00Z'),
      at('2026-06-01T11:00:00Z'),
    ]);
  });
  test('without any anchor nextRuns refuses rather than counting from an arbitrary time', () => {
    expect(() => nextRuns({ kind: 'interval', expr: 'every 15m', timezone: DENVER }, 0, 1)).toThrow(/anchor/);
  });
});

describe('manual and invalid schedules', () => {
  test('a manual schedule has no occurrences', () => {
    const spec: ScheduleSpec = { kind: 'manual', expr: null, timezone: DENVER };
    expect(nextRuns(spec, 0, 5)).toEqual([]);
    expect(occurrencesBetween(spec, 0, at('2030-01-01T00:00:00Z'), 5)).toEqual([]);
  });
  test('an invalid schedule throws a validation_failed error naming the problem', () => {
    expect(() => nextRuns({ kind: 'cron', expr: '61 * * * *', timezone: DENVER }, 0, 1)).toThrow(
      /minute field '61' is out of range 0-59/,
    );
  });
  test('n = 0 gives no occurrences and a negative n is refused', () => {
    const spec: ScheduleSpec = { kind: 'cron', expr: '* * * * *', timezone: DENVER };
    expect(nextRuns(spec, 0, 0)).toEqual([]);
    expect(() => nextRuns(spec, 0, -1)).toThrow(RangeError);
  });
});
