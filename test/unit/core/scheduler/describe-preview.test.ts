// Plain-English descriptions with the zone's generic name, and schedules.preview's pure part:
// UTC instants, local times with offsets, and DST changes marked.
import { describe, expect, test } from 'vitest';
import { describeSchedule, zoneDisplayName } from '../../../../src-main/core/scheduler/describe';
import { MAX_PREVIEW_COUNT, previewSchedule } from '../../../../src-main/core/scheduler/preview';
import type { ScheduleKind } from '../../../../src-main/core/scheduler/schedule-spec';

const DENVER = 'America/Denver';
const text = (kind: ScheduleKind, expr: string | null, timezone = DENVER): string =>
  describeSchedule({ kind, expr, timezone });

describe('describeSchedule', () => {
  test('cron reads in 24-hour time with weekdays and weekends named, and the zone last', () => {
    expect(text('cron', '30 8 * * MON-FRI')).toBe('At 08:30 on weekdays, Mountain Time');
    expect(text('cron', '30 8 * * 1-5')).toBe('At 08:30 on weekdays, Mountain Time');
    expect(text('cron', '0 9 * * SAT,SUN')).toBe('At 09:00 on weekends, Mountain Time');
    expect(text('cron', '*/30 * * * *')).toBe('Every 30 minutes, Mountain Time');
    expect(text('cron', '15 9 * * 1')).toBe('At 09:15 on Monday, Mountain Time');
    expect(text('cron', '0 12 13 * FRI')).toBe('At 12:00 on day 13 of the month and on Friday, Mountain Time');
    expect(text('cron', '0 30 8 * * *')).toBe('At 08:30, Mountain Time');
  });
  test('rrule reads its days and its time of day from DTSTART or BYHOUR/BYMINUTE', () => {
    expect(text('rrule', 'DTSTART;TZID=America/Denver:20260302T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR')).toBe(
      'Every week on Monday, Wednesday and Friday at 08:30, Mountain Time',
    );
    expect(text('rrule', 'DTSTART:20260302T083000\nRRULE:FREQ=DAILY;BYHOUR=9,17')).toBe(
      'Every day at 09:30 and 17:30, Mountain Time',
    );
    expect(text('rrule', 'DTSTART:20260302T083000\nRRULE:FREQ=DAILY;COUNT=5')).toBe(
      'Every day at 08:30, 5 times, Mountain Time',
    );
    expect(text('rrule', 'DTSTART:20260302T083000\nRRULE:FREQ=MINUTELY;INTERVAL=15')).toBe(
      'Every 15 minutes, Mountain Time',
    );
  });
  test('once shows the date and time as the zone clock will read it', () => {
    expect(text('once', '2026-12-01T08:30')).toBe('Once on Tue, Dec 1, 2026 at 08:30, Mountain Time');
    expect(text('once', '2026-12-01T15:30:00Z')).toBe('Once on Tue, Dec 1, 2026 at 08:30, Mountain Time');
    expect(text('once', '2026-03-08T02:30')).toBe('Once on Sun, Mar 8, 2026 at 03:30, Mountain Time');
  });
  test('interval is elapsed time and names the zone only for a start written in the expression', () => {
    expect(text('interval', 'every 2h')).toBe('Every 2 hours');
    expect(text('interval', 'every 15m')).toBe('Every 15 minutes');
    expect(text('interval', 'every 1 hour')).toBe('Every hour');
    expect(text('interval', 'every 90 minutes')).toBe('Every 90 minutes');
    expect(text('interval', 'every 2h from 2026-11-21T08:00')).toBe(
      'Every 2 hours from Sat, Nov 21, 2026 at 08:00, Mountain Time',
    );
  });
  test('manual says so', () => {
    expect(text('manual', null)).toBe('Manually, when you run it');
  });
  test('zones are named generically, or by their IANA id when they have no name', () => {
    expect(zoneDisplayName('America/Denver')).toBe('Mountain Time');
    expect(zoneDisplayName('Asia/Kolkata')).toBe('India Standard Time');
    expect(zoneDisplayName('Australia/Sydney')).toBe('Australian Eastern Time');
    expect(zoneDisplayName('Etc/UTC')).toBe('Etc/UTC');
  });
});

describe('previewSchedule', () => {
  test('lists UTC instants and local times and marks where DST ends', () => {
    const preview = previewSchedule(
      { kind: 'cron', expr: '30 1 * * *', timezone: DENVER },
      Date.parse('2026-10-31T00:00:00-06:00'),
      3,
    );
    expect(preview).toEqual({
      description: 'At 01:30, Mountain Time',
      occurrences: [
        { at: '2026-10-31T07:30:00.000Z', local: '2026-10-31T01:30:00-06:00' },
        { at: '2026-11-01T07:30:00.000Z', local: '2026-11-01T01:30:00-06:00' },
        { at: '2026-11-02T08:30:00.000Z', local: '2026-11-02T01:30:00-07:00', dstChange: 'ends' },
      ],
    });
  });
  test('marks where DST starts, including on the first occurrence (compared with `from`)', () => {
    const preview = previewSchedule(
      { kind: 'cron', expr: '30 2 * * *', timezone: DENVER },
      Date.parse('2026-03-08T00:00:00-07:00'),
      2,
    );
    expect(preview.occurrences).toEqual([
      { at: '2026-03-08T09:30:00.000Z', local: '2026-03-08T03:30:00-06:00', dstChange: 'starts' },
      { at: '2026-03-09T08:30:00.000Z', local: '2026-03-09T02:30:00-06:00' },
    ]);
  });
  test('gives at most 100 occurrences', () => {
    const preview = previewSchedule({ kind: 'cron', expr: '* * * * *', timezone: DENVER }, 0, 500);
    expect(preview.occurrences).toHaveLength(MAX_PREVIEW_COUNT);
  });
  test('previews an interval without a start as if created at `from`', () => {
    const from = Date.parse('2026-06-01T08:07:00Z');
    const preview = previewSchedule({ kind: 'interval', expr: 'every 2h', timezone: DENVER }, from, 2);
    expect(preview.occurrences.map((o) => o.at)).toEqual(['2026-06-01T10:07:00.000Z', '2026-06-01T12:07:00.000Z']);
  });
  test('throws a validation_failed error for an invalid schedule', () => {
    expect(() => previewSchedule({ kind: 'cron', expr: '* * * *', timezone: DENVER }, 0, 1)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
