// The DST rule outside Denver: zones without DST keep their wall times on Denver's DST days, and
// Australia/Sydney (DST ends 2026-04-05 03:00 -> 02:00, starts 2026-10-04 02:00 -> 03:00) follows
// the same rule in the other half of the year.
import { describe, expect, test } from 'vitest';
import { localRuns } from './local-runs';

describe('zones without DST', () => {
  test('America/Phoenix runs a daily 02:30 at 02:30 -07:00 on the day Denver skips 02:30', () => {
    expect(localRuns('cron', '30 2 * * *', 'America/Phoenix', '2026-03-07T12:00:00-07:00', 2)).toEqual([
      '2026-03-08T02:30:00-07:00',
      '2026-03-09T02:30:00-07:00',
    ]);
  });
  test('Asia/Kolkata runs every 30 minutes evenly through the nights Denver changes its clocks', () => {
    expect(localRuns('cron', '*/30 * * * *', 'Asia/Kolkata', '2026-11-01T13:15:00+05:30', 3)).toEqual([
      '2026-11-01T13:30:00+05:30',
      '2026-11-01T14:00:00+05:30',
      '2026-11-01T14:30:00+05:30',
    ]);
    expect(localRuns('cron', '30 1 * * *', 'Asia/Kolkata', '2027-11-06T12:00:00+05:30', 2)).toEqual([
      '2027-11-07T01:30:00+05:30',
      '2027-11-08T01:30:00+05:30',
    ]);
  });
});

describe('Australia/Sydney', () => {
  const SYDNEY = 'Australia/Sydney';
  test('daily 02:30 runs once, at the first (AEDT) 02:30, when DST ends on 2026-04-05', () => {
    expect(localRuns('cron', '30 2 * * *', SYDNEY, '2026-04-04T00:00:00+11:00', 3)).toEqual([
      '2026-04-04T02:30:00+11:00',
      '2026-04-05T02:30:00+11:00',
      '2026-04-06T02:30:00+10:00',
    ]);
  });
  test('every 30 minutes runs in both copies of 02:00-03:00 on 2026-04-05', () => {
    expect(localRuns('cron', '*/30 * * * *', SYDNEY, '2026-04-05T01:45:00+11:00', 5)).toEqual([
      '2026-04-05T02:00:00+11:00',
      '2026-04-05T02:30:00+11:00',
      '2026-04-05T02:00:00+10:00',
      '2026-04-05T02:30:00+10:00',
      '2026-04-05T03:00:00+10:00',
    ]);
  });
  test('daily 02:30 moves to 03:30 AEDT when DST starts on 2026-10-04', () => {
    expect(localRuns('cron', '30 2 * * *', SYDNEY, '2026-10-03T00:00:00+10:00', 3)).toEqual([
      '2026-10-03T02:30:00+10:00',
      '2026-10-04T03:30:00+11:00',
      '2026-10-05T02:30:00+11:00',
    ]);
  });
  test('every 30 minutes goes from 01:30 AEST to 03:00 AEDT on 2026-10-04', () => {
    expect(localRuns('cron', '*/30 * * * *', SYDNEY, '2026-10-04T01:15:00+10:00', 3)).toEqual([
      '2026-10-04T01:30:00+10:00',
      '2026-10-04T03:00:00+11:00',
      '2026-10-04T03:30:00+11:00',
    ]);
  });
  test('a weekly Sunday 02:30 RRULE follows the same rule on both Sydney DST days', () => {
    const expr = 'DTSTART:20260104T023000\nRRULE:FREQ=WEEKLY;BYDAY=SU';
    expect(localRuns('rrule', expr, SYDNEY, '2026-04-01T00:00:00+11:00', 2)).toEqual([
      '2026-04-05T02:30:00+11:00',
      '2026-04-12T02:30:00+10:00',
    ]);
    expect(localRuns('rrule', expr, SYDNEY, '2026-10-01T00:00:00+10:00', 2)).toEqual([
      '2026-10-04T03:30:00+11:00',
      '2026-10-11T02:30:00+11:00',
    ]);
  });
});
