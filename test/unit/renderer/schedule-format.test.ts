// The board's schedule wording: occurrences in the display zone, DST marks, short next-run labels,
// the once preset's "tomorrow at 9" and the card's schedule summary.
import { describe, expect, it } from 'vitest';
import {
  formatNextRun,
  formatOccurrence,
  isTimeZone,
  occurrenceRows,
  scheduleSummary,
  tomorrowAt,
  zoneAbbreviation,
} from '../../../src-renderer/src/lib/schedule-format';
import { schedulePresets } from '../../../src-renderer/src/features/task-form/schedule-presets';
import { readableIssue } from '../../../src-renderer/src/features/task-form/form-values';

const DENVER = 'America/Denver';

describe('formatOccurrence', () => {
  it('reads an instant in the display zone with its abbreviation', () => {
    expect(formatOccurrence(Date.parse('2026-11-23T15:30:00Z'), DENVER)).toBe('Mon, Nov 23, 8:30 AM MST');
    expect(formatOccurrence(Date.parse('2026-07-06T14:30:00Z'), DENVER)).toBe('Mon, Jul 6, 8:30 AM MDT');
    expect(formatOccurrence(Date.parse('2026-11-23T15:30:00Z'), 'Asia/Tokyo')).toBe('Tue, Nov 24, 12:30 AM GMT+9');
  });
});

describe('zoneAbbreviation and isTimeZone', () => {
  it('names the zone at an instant and tells known zones from typos', () => {
    expect(zoneAbbreviation(Date.parse('2026-03-08T10:00:00Z'), DENVER)).toBe('MDT');
    expect(zoneAbbreviation(Date.parse('2026-03-08T08:00:00Z'), DENVER)).toBe('MST');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('America/Den')).toBe(false);
  });
});

describe('formatNextRun', () => {
  const now = Date.parse('2026-11-21T13:52:00Z'); // Saturday 6:52 AM MST

  it('says Today for the same local day', () => {
    expect(formatNextRun('2026-11-21T22:00:00Z', DENVER, now)).toBe('Today 3:00 PM MST');
  });

  it('gives the weekday within the coming six days', () => {
    expect(formatNextRun('2026-11-23T15:30:00Z', DENVER, now)).toBe('Mon 8:30 AM MST');
    // 11 PM Saturday UTC is still Saturday afternoon in Denver.
    expect(formatNextRun('2026-11-21T23:59:00Z', DENVER, now)).toBe('Today 4:59 PM MST');
    expect(formatNextRun('2026-11-27T15:30:00Z', DENVER, now)).toBe('Fri 8:30 AM MST');
  });

  it('adds the date a week or more out, and for a time already past', () => {
    expect(formatNextRun('2026-11-28T15:30:00Z', DENVER, now)).toBe('Sat, Nov 28, 8:30 AM MST');
    expect(formatNextRun('2026-11-20T15:30:00Z', DENVER, now)).toBe('Fri, Nov 20, 8:30 AM MST');
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatNextRun('soon', DENVER, now)).toBe('soon');
  });
});

describe('occurrenceRows', () => {
  // Daily 02:30 in Denver across the spring-forward day, as the server previews it.
  const spring = [
    { at: '2026-03-07T09:30:00.000Z', local: '2026-03-07T02:30:00-07:00' },
    { at: '2026-03-08T09:30:00.000Z', local: '2026-03-08T03:30:00-06:00', dstChange: 'starts' as const },
    { at: '2026-03-09T08:30:00.000Z', local: '2026-03-09T02:30:00-06:00' },
  ];

  it('marks the server-flagged DST change with the new abbreviation', () => {
    const rows = occurrenceRows(spring, DENVER, DENVER);
    expect(rows.map((r) => r.display)).toEqual([
      'Sat, Mar 7, 2:30 AM MST',
      'Sun, Mar 8, 3:30 AM MDT',
      'Mon, Mar 9, 2:30 AM MDT',
    ]);
    expect(rows.map((r) => r.marks.map((m) => m.label))).toEqual([[], ['DST starts · MDT'], []]);
    expect(rows[1]!.scheduleLocal).toBeNull();
  });

  it('marks the end of DST in the fall', () => {
    const fall = [
      { at: '2026-11-01T07:00:00.000Z', local: '2026-11-01T01:00:00-06:00' },
      { at: '2026-11-02T08:00:00.000Z', local: '2026-11-02T01:00:00-07:00', dstChange: 'ends' as const },
    ];
    const [, second] = occurrenceRows(fall, DENVER, DENVER);
    expect(second!.marks).toEqual([{ change: 'ends', zone: DENVER, abbreviation: 'MST', label: 'DST ends · MST' }]);
  });

  it('marks the display zone’s own change when the schedule lives in a zone without DST', () => {
    // 08:30 in Tokyo every day; Denver falls back between the two runs.
    const tokyo = [
      { at: '2026-10-31T23:30:00.000Z', local: '2026-11-01T08:30:00+09:00' },
      { at: '2026-11-01T23:30:00.000Z', local: '2026-11-02T08:30:00+09:00' },
    ];
    const rows = occurrenceRows(tokyo, 'Asia/Tokyo', DENVER);
    expect(rows[0]!.display).toBe('Sat, Oct 31, 5:30 PM MDT');
    expect(rows[1]!.display).toBe('Sun, Nov 1, 4:30 PM MST');
    expect(rows[1]!.scheduleLocal).toBe('Mon, Nov 2, 8:30 AM GMT+9');
    expect(rows[1]!.marks.map((m) => m.label)).toEqual(['America/Denver: DST ends · MST']);
    expect(rows[0]!.marks).toEqual([]);
  });

  it('names the schedule zone on its marks when it differs from the display zone', () => {
    const berlin = [
      { at: '2026-03-28T07:30:00.000Z', local: '2026-03-28T08:30:00+01:00' },
      { at: '2026-03-29T06:30:00.000Z', local: '2026-03-29T08:30:00+02:00', dstChange: 'starts' as const },
    ];
    const rows = occurrenceRows(berlin, 'Europe/Berlin', DENVER);
    expect(rows[1]!.marks.map((m) => m.label)).toEqual(['Europe/Berlin: DST starts · GMT+2']);
  });
});

describe('tomorrowAt and the Once preset', () => {
  it('is 09:00 on the zone’s next calendar day', () => {
    // 11 PM on Nov 21 in Denver is already Nov 22 in UTC; tomorrow is still the 22nd.
    expect(tomorrowAt(Date.parse('2026-11-22T06:00:00Z'), DENVER)).toBe('2026-11-22T09:00');
    expect(tomorrowAt(Date.parse('2026-12-31T20:00:00Z'), DENVER, 7)).toBe('2027-01-01T07:00');
    expect(tomorrowAt(Date.parse('2026-11-22T06:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-23T09:00');
  });

  it('fills the presets with the expressions the server reads', () => {
    const byLabel = Object.fromEntries(schedulePresets.map((p) => [p.label, p]));
    expect(byLabel['Weekdays at 8:30']).toMatchObject({ kind: 'cron' });
    expect(byLabel['Weekdays at 8:30']!.expr(DENVER)).toBe('30 8 * * 1-5');
    expect(byLabel['Every 15 minutes']!.kind).toBe('interval');
    expect(byLabel['Every 15 minutes']!.expr(DENVER)).toBe('every 15m');
    expect(byLabel['Once…']!.kind).toBe('once');
    expect(byLabel['Once…']!.expr(DENVER, Date.parse('2026-11-21T13:52:00Z'))).toBe('2026-11-22T09:00');
  });
});

describe('scheduleSummary', () => {
  it('is the kind and expression, with the zone when one is set', () => {
    expect(scheduleSummary({ kind: 'manual', expr: null, timezone: null })).toBe('Manual');
    expect(scheduleSummary({ kind: 'cron', expr: '30 8 * * 1-5', timezone: null })).toBe('Cron: 30 8 * * 1-5');
    expect(scheduleSummary({ kind: 'interval', expr: 'every 15m', timezone: 'UTC' })).toBe('Interval: every 15m (UTC)');
  });

  it('shows an RRULE by its rule line', () => {
    const expr = 'DTSTART;TZID=America/Denver:20261123T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR';
    expect(scheduleSummary({ kind: 'rrule', expr, timezone: DENVER })).toBe(
      'RRULE: FREQ=WEEKLY;BYDAY=MO,WE,FR (America/Denver)',
    );
  });
});

describe('readableIssue', () => {
  it('puts the subject before a predicate and capitalises a message that names its own subject', () => {
    expect(readableIssue('Expression', 'is required for a cron schedule')).toBe(
      'Expression is required for a cron schedule',
    );
    expect(readableIssue('Expression', "minute field '61' is out of range 0-59")).toBe(
      "Minute field '61' is out of range 0-59",
    );
    expect(readableIssue('Title', 'Already a sentence.')).toBe('Already a sentence.');
  });
});
