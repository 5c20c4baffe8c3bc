// validateSchedule says what is wrong in the expression, and where, for every kind.
import { describe, expect, test } from 'vitest';
import { validateSchedule, type ScheduleSpec } from '../../../../src-main/core/scheduler/schedule-spec';

const DENVER = 'America/Denver';
const problem = (spec: ScheduleSpec): string[] => {
  const result = validateSchedule(spec);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
};
const cron = (expr: string): string[] => problem({ kind: 'cron', expr, timezone: DENVER });
const rrule = (expr: string): string[] => problem({ kind: 'rrule', expr, timezone: DENVER });

describe('cron', () => {
  test('accepts 5 fields, 6 fields with seconds, names and steps', () => {
    for (const expr of ['30 8 * * MON-FRI', '*/10 * * * * *', '0 0 1 JAN,JUL *', '0 9-17/2 * * 1-5', '0 0 L * *']) {
      expect(cron(expr), expr).toEqual([]);
    }
  });
  test('names the field and its range when a value is out of range', () => {
    expect(cron('61 * * * *')).toEqual(["expr: minute field '61' is out of range 0-59"]);
    expect(cron('0 24 * * *')).toEqual(["expr: hour field '24' is out of range 0-23"]);
    expect(cron('0 0 32 * *')).toEqual(["expr: day-of-month field '32' is out of range 1-31"]);
    expect(cron('0 0 * 13 *')).toEqual(["expr: month field '13' is out of range 1-12"]);
    expect(cron('0 0 * * 8')).toEqual(["expr: day-of-week field '8' is out of range 0-7"]);
    expect(cron('60 0 0 * * *')).toEqual(["expr: second field '60' is out of range 0-59"]);
    expect(cron('0 1,2,99 * * *')).toEqual(["expr: hour field '99' is out of range 0-23"]);
  });
  test('counts the fields', () => {
    expect(cron('* * * *')[0]).toMatch(/^expr: expected 5 or 6 fields .*, got 4$/);
    expect(cron('* * * * * * *')[0]).toMatch(/got 7$/);
  });
  test('rejects unknown names, backwards ranges, zero steps and illegal characters', () => {
    expect(cron('0 0 * * FOO')).toEqual(["expr: day-of-week field 'FOO' is not a number 0-7 or a name SUN-SAT"]);
    expect(cron('5-1 * * * *')).toEqual([
      "expr: minute field '5-1' is a range that runs backwards; write the smaller value first",
    ]);
    expect(cron('*/0 * * * *')).toEqual([
      "expr: minute field '*/0' has step '0'; a step is a whole number of at least 1",
    ]);
    expect(cron('abc * * * *')).toEqual(["expr: minute field 'abc' contains illegal characters."]);
  });
  test('rejects an expression that matches no date', () => {
    expect(cron('0 0 30 2 *')).toEqual(['expr: the expression matches no date (such as 30 February)']);
  });
});

describe('rrule', () => {
  test('accepts a zoned, a floating and a UTC DTSTART', () => {
    expect(rrule('DTSTART;TZID=America/Denver:20260302T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR')).toEqual([]);
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=12')).toEqual([]);
    expect(rrule('DTSTART:20260302T153000Z\nRRULE:FREQ=DAILY;UNTIL=20261231T235959Z')).toEqual([]);
  });
  test('requires DTSTART, and says so with an example', () => {
    expect(rrule('RRULE:FREQ=DAILY')[0]).toMatch(
      /^expr: an RRULE needs a DTSTART line .* e\.g\. DTSTART:20260302T083000/,
    );
    expect(rrule('FREQ=DAILY')[0]).toMatch(/needs a DTSTART line/);
  });
  test('names the RRULE part that is wrong', () => {
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=DAILY;BYHOUR=25')).toEqual([
      "expr: RRULE BYHOUR: '25' is not 0-23",
    ]);
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=SOMETIMES')[0]).toMatch(/RRULE FREQ: 'SOMETIMES' is not one of/);
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=DAILY;FOO=1')).toEqual(["expr: unknown RRULE part 'FOO'"]);
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=DAILY;BYDAY=XX')).toEqual([
      "expr: RRULE BYDAY: 'XX' is not a weekday like MO, 2TU or -1FR",
    ]);
    expect(rrule('DTSTART:20260302T083000\nRRULE:INTERVAL=2')).toEqual(['expr: RRULE needs a FREQ, e.g. FREQ=DAILY']);
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=DAILY;COUNT=2;UNTIL=20261231')).toEqual([
      'expr: RRULE may have COUNT or UNTIL, not both',
    ]);
  });
  test('refuses sub-daily rules whose time filters rrule would step through forever', () => {
    // Unchecked, rrule 2.8 loops without end on these and freezes the runtime.
    expect(rrule('DTSTART:20260101T000000\nRRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=1')).toEqual([
      'expr: FREQ=HOURLY;INTERVAL=2 from 0:00 never reaches BYHOUR=1',
    ]);
    expect(rrule('DTSTART:20260101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=15;BYMINUTE=1')).toEqual([
      'expr: FREQ=MINUTELY;INTERVAL=15 from :00 never reaches BYMINUTE=1',
    ]);
    expect(rrule('DTSTART:20260101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=7;BYHOUR=9')[0]).toMatch(
      /INTERVAL must divide 60/,
    );
    expect(rrule('DTSTART:20260101T010000\nRRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=1,9')).toEqual([]);
  });
  test('refuses, in well under a second each, rules that match no date at all', () => {
    // Unbounded, rrule walks to year 9999 on these: 16 s for the first one when measured.
    const started = performance.now();
    for (const parts of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=DAILY;INTERVAL=7;BYDAY=MO',
      'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31',
    ]) {
      expect(rrule(`DTSTART:20260101T000000\nRRULE:${parts}`), parts).toEqual([
        'expr: the RRULE matches no date; check its BYxxx parts and INTERVAL against DTSTART',
      ]);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
  test('follows the RFC 5545 table of which BYxxx parts go with which FREQ', () => {
    const start = 'DTSTART:20260101T090000\nRRULE:';
    expect(rrule(`${start}FREQ=WEEKLY;BYDAY=2MO`)).toEqual([
      'expr: BYDAY with a number (2TU, -1FR) only goes with FREQ=MONTHLY or FREQ=YEARLY',
    ]);
    expect(rrule(`${start}FREQ=MONTHLY;BYWEEKNO=3`)).toEqual(['expr: BYWEEKNO only goes with FREQ=YEARLY']);
    expect(rrule(`${start}FREQ=WEEKLY;BYMONTHDAY=3`)).toEqual(['expr: BYMONTHDAY does not go with FREQ=WEEKLY']);
    expect(rrule(`${start}FREQ=MONTHLY;BYDAY=-1FR`)).toEqual([]);
  });
  test('rejects other lines, a DTSTART without a time and a TZID that is not the schedule zone', () => {
    expect(rrule('DTSTART:20260302T083000\nRRULE:FREQ=DAILY\nEXDATE:20260303T083000')).toEqual([
      "expr: only DTSTART and RRULE lines are supported, not 'EXDATE'",
    ]);
    expect(rrule('DTSTART;VALUE=DATE:20260302\nRRULE:FREQ=DAILY')).toEqual([
      "expr: DTSTART '20260302' has no time of day; write it as 20260302T090000",
    ]);
    expect(rrule('DTSTART;TZID=Europe/Paris:20260302T083000\nRRULE:FREQ=DAILY')).toEqual([
      "expr: DTSTART's TZID Europe/Paris differs from the schedule's timezone America/Denver; omit TZID or make them match",
    ]);
    expect(rrule('DTSTART:20260230T083000\nRRULE:FREQ=DAILY')[0]).toMatch(
      /DTSTART '20260230T083000' is not a date-time/,
    );
  });
});

describe('once, interval, manual and the timezone', () => {
  test('a once schedule in the past is valid: the caller decides what that means', () => {
    expect(problem({ kind: 'once', expr: '2001-01-01T08:30', timezone: DENVER })).toEqual([]);
  });
  test('a once schedule must be a real date-time', () => {
    expect(problem({ kind: 'once', expr: '2026-02-30T08:30', timezone: DENVER })).toEqual([
      "expr: '2026-02-30T08:30' is not a real date and time",
    ]);
    expect(problem({ kind: 'once', expr: 'tomorrow', timezone: DENVER })[0]).toMatch(/'tomorrow' is not a date-time/);
  });
  test('an interval is at least a minute and has the form "every N minutes|hours [from ...]"', () => {
    expect(problem({ kind: 'interval', expr: 'every 15m', timezone: DENVER })).toEqual([]);
    expect(problem({ kind: 'interval', expr: 'every 90s', timezone: DENVER })).toEqual([
      'expr: an interval is at least 1 minute; use minutes or hours',
    ]);
    expect(problem({ kind: 'interval', expr: 'every 0m', timezone: DENVER })).toEqual([
      'expr: an interval is at least 1 minute',
    ]);
    expect(problem({ kind: 'interval', expr: 'every 2 fortnights', timezone: DENVER })[0]).toMatch(
      /is not an interval; write 'every <N> minutes\|hours/,
    );
    expect(problem({ kind: 'interval', expr: 'every 2h from noon', timezone: DENVER })[0]).toMatch(
      /the start after 'from': 'noon' is not a date-time/,
    );
  });
  test('a manual schedule has no expression; other kinds need one', () => {
    expect(problem({ kind: 'manual', expr: null, timezone: DENVER })).toEqual([]);
    expect(problem({ kind: 'manual', expr: '0 9 * * *', timezone: DENVER })).toEqual([
      'expr: a manual schedule has no expression',
    ]);
    expect(problem({ kind: 'cron', expr: '  ', timezone: DENVER })).toEqual([
      'expr: a cron schedule needs an expression',
    ]);
  });
  test('an unknown timezone is reported on its own path, together with an expression problem', () => {
    expect(problem({ kind: 'cron', expr: '61 * * * *', timezone: 'Mars/Olympus' })).toEqual([
      "timezone: 'Mars/Olympus' is not an IANA time zone such as America/Denver",
      "expr: minute field '61' is out of range 0-59",
    ]);
  });
});
