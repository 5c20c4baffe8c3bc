import { describe, expect, it } from 'vitest';
import { previewSchedule } from '../../../../src-main/core/scheduler/preview';
import type { ScheduleSpec } from '../../../../src-main/core/scheduler/schedule-spec';

const FROM = Date.parse('2026-11-21T12:00:00Z');
const spec = (kind: ScheduleSpec['kind'], expr: string | null): ScheduleSpec => ({
  kind,
  expr,
  timezone: 'America/Denver',
  anchor: FROM,
});

describe('schedules.preview returns as many occurrences as asked while the schedule has them', () => {
  it.each([
    ['cron every 5 minutes', spec('cron', '*/5 * * * *')],
    ['cron on February 29', spec('cron', '0 0 29 2 *')],
    ['rrule hourly on two weekdays', spec('rrule', 'DTSTART:20260101T000000\nRRULE:FREQ=HOURLY;BYDAY=MO,TU')],
    ['rrule last weekday of the month', spec('rrule', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=9')],
    // Both pass the end of the 400-year window a single search covers.
    ['rrule on February 29', spec('rrule', 'DTSTART:20200229T000000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29')],
    [
      'rrule on February 29 when it is a Monday',
      spec('rrule', 'DTSTART:20200101T000000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'),
    ],
    ['interval without a start', spec('interval', 'every 1m')],
    ['interval from a start', spec('interval', 'every 2h from 2026-11-23T08:00')],
  ])('%s: 100 of 100', (_, schedule) => {
    const occurrences = previewSchedule(schedule, FROM, 100).occurrences;
    expect(occurrences).toHaveLength(100);
    const instants = occurrences.map((o) => Date.parse(o.at));
    expect(instants.every((at, i) => at > (instants[i - 1] ?? FROM))).toBe(true);
  });

  it('keeps finding February 29 on a Monday past year 2400, as the Gregorian calendar has them', () => {
    const mondays: string[] = [];
    for (let year = 2027; mondays.length < 20; year++) {
      const day = new Date(Date.UTC(year, 1, 29));
      if (day.getUTCMonth() === 1 && day.getUTCDay() === 1) mondays.push(`${year}-02-29`);
    }
    const occurrences = previewSchedule(
      spec('rrule', 'DTSTART:20200101T000000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'),
      FROM,
      20,
    ).occurrences;
    expect(occurrences.map((o) => o.local.slice(0, 10))).toEqual(mondays);
    expect(mondays.at(-1)! > '2400').toBe(true);
  });

  it('returns what is left of a rule that ends, and one for a future once, none for manual', () => {
    const counted = spec('rrule', 'DTSTART:20261120T090000\nRRULE:FREQ=DAILY;COUNT=5');
    expect(previewSchedule(counted, FROM, 10).occurrences.map((o) => o.local)).toEqual([
      '2026-11-21T09:00:00-07:00',
      '2026-11-22T09:00:00-07:00',
      '2026-11-23T09:00:00-07:00',
      '2026-11-24T09:00:00-07:00',
    ]);
    expect(previewSchedule(spec('once', '2026-12-01T08:30'), FROM, 10).occurrences).toHaveLength(1);
    expect(previewSchedule(spec('manual', null), FROM, 10).occurrences).toEqual([]);
  });
});
