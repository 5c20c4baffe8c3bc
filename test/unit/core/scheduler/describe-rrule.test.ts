// RRULE descriptions say every part of the rule: days, positions, times, interval and end.
import { describe, expect, test } from 'vitest';
import { describeSchedule } from '../../../../src-main/core/scheduler/describe';
import { previewSchedule } from '../../../../src-main/core/scheduler/preview';

// DTSTART gives the time of day (08:30) and the phase wherever a rule leaves them out.
const rule = (parts: string): string =>
  describeSchedule({ kind: 'rrule', expr: `DTSTART:20260302T083000\nRRULE:${parts}`, timezone: 'America/Denver' });

describe('RRULE descriptions', () => {
  test.each([
    // HOURLY and MINUTELY with BYDAY keep to those days (these read "Every hour" before).
    ['FREQ=HOURLY;BYDAY=MO,TU', 'Every hour at :30 past the hour on Monday and Tuesday'],
    ['FREQ=HOURLY;INTERVAL=2;BYDAY=SA,SU', 'Every 2 hours from 00:30 on weekends'],
    ['FREQ=HOURLY;INTERVAL=5', 'Every 5 hours from Mon, Mar 2, 2026 at 08:30'],
    ['FREQ=HOURLY;BYMINUTE=15,45', 'Every hour at :15 and :45 past the hour'],
    ['FREQ=HOURLY;BYMINUTE=0;BYSECOND=0', 'Every hour on the hour'],
    ['FREQ=HOURLY;BYHOUR=9,10,11;BYDAY=MO,TU,WE,TH,FR', 'Every hour at 09:30, 10:30 and 11:30 on weekdays'],
    ['FREQ=MINUTELY;INTERVAL=15;BYDAY=MO,TU,WE,TH,FR', 'Every 15 minutes on weekdays'],
    ['FREQ=MINUTELY;INTERVAL=5;BYHOUR=9,17', 'Every 5 minutes in the 09:00 and 17:00 hours'],
    ['FREQ=MINUTELY;BYMINUTE=0,30', 'Every minute at :00 and :30 past the hour'],
    ['FREQ=SECONDLY;INTERVAL=30', 'Every 30 seconds'],
    // INTERVAL, BYHOUR and BYMINUTE.
    ['FREQ=DAILY', 'Every day at 08:30'],
    ['FREQ=DAILY;INTERVAL=3', 'Every 3 days at 08:30'],
    ['FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0', 'Every day at 09:00 and 17:00'],
    ['FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14;BYMINUTE=0', 'Every day 7 times between 08:00 and 14:00'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR', 'Every 2 weeks on Monday and Friday at 08:30'],
    // BYDAY.
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30', 'Every weekday at 08:30'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday at 08:30'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', 'Every week on weekends at 08:30'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'Every month on the first Monday at 08:30'],
    ['FREQ=MONTHLY;BYDAY=-1FR,2TU', 'Every month on the last Friday and the second Tuesday at 08:30'],
    ['FREQ=MONTHLY;BYDAY=-2WE', 'Every month on the second-to-last Wednesday at 08:30'],
    ['FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'Every year in November on the fourth Thursday at 08:30'],
    ['FREQ=YEARLY;BYDAY=20MO', 'Every year on the 20th Monday of the year at 08:30'],
    // BYSETPOS.
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'Every month on the last weekday at 08:30'],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;BYHOUR=17;BYMINUTE=0',
      'Every month on the first and last weekday at 17:00',
    ],
    ['FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=2', 'Every month on the second weekend day at 08:30'],
    [
      'FREQ=YEARLY;BYMONTH=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'Every year in March on weekdays at 08:30, keeping only the last of these times in each year',
    ],
    // BYMONTHDAY, BYYEARDAY, BYWEEKNO.
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', 'Every month on the 1st and 15th at 08:30'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day at 08:30'],
    ['FREQ=MONTHLY;BYMONTHDAY=2,3,11,22,-3', 'Every month on the 2nd, 3rd, 11th, 22nd and third-to-last day at 08:30'],
    ['FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR', 'Every month on the 13th when it is a Friday at 08:30'],
    ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', 'Every 3 months on the 1st at 08:30'],
    ['FREQ=YEARLY;BYYEARDAY=1,-1', 'Every year on day 1 and the last day of the year at 08:30'],
    ['FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', 'Every year in week 1 of the year on Monday at 08:30'],
    // COUNT and UNTIL.
    ['FREQ=DAILY;COUNT=5', 'Every day at 08:30, 5 times'],
    ['FREQ=DAILY;COUNT=1', 'Every day at 08:30, once'],
    ['FREQ=DAILY;UNTIL=20261231', 'Every day at 08:30, through Thu, Dec 31, 2026'],
    ['FREQ=DAILY;UNTIL=20261231T170000Z', 'Every day at 08:30, until Thu, Dec 31, 2026 at 10:00'],
    ['FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T120000', 'Every week on Monday at 08:30, until Thu, Dec 31, 2026 at 12:00'],
  ])('%s', (parts, english) => {
    expect(rule(parts)).toBe(`${english}, Mountain Time`);
  });

  test('"the last weekday" is what BYSETPOS=-1 over weekdays runs on', () => {
    const preview = previewSchedule(
      {
        kind: 'rrule',
        expr: 'DTSTART:20260101T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
        timezone: 'America/Denver',
      },
      Date.parse('2026-01-01T00:00:00Z'),
      5,
    );
    expect(preview.occurrences.map((o) => o.local.slice(0, 10))).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
      '2026-04-30',
      '2026-05-29',
    ]);
  });
});
