// Budget periods in the display timezone: local days and months, including the DST change days.
import { describe, expect, it } from 'vitest';
import { dayOf, monthOf } from '../../../../src-main/core/cost/periods';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('budget periods', () => {
  it('starts the day at local midnight in the display timezone', () => {
    const day = dayOf(at('2026-11-23T15:30:00Z'), 'America/Denver');
    expect(day.key).toBe('2026-11-23');
    expect(iso(day.startMs)).toBe('2026-11-23T07:00:00.000Z');
    expect(dayOf(at('2026-11-23T06:59:59Z'), 'America/Denver').key).toBe('2026-11-22');
  });

  it('keeps midnight right on the days the clocks change (a 25-hour and a 23-hour day)', () => {
    const fallBack = dayOf(at('2026-11-01T20:00:00Z'), 'America/Denver');
    expect(iso(fallBack.startMs)).toBe('2026-11-01T06:00:00.000Z');
    expect(iso(dayOf(at('2026-11-02T12:00:00Z'), 'America/Denver').startMs)).toBe('2026-11-02T07:00:00.000Z');
    const springForward = dayOf(at('2026-03-08T20:00:00Z'), 'America/Denver');
    expect(iso(springForward.startMs)).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(dayOf(at('2026-03-09T12:00:00Z'), 'America/Denver').startMs)).toBe('2026-03-09T06:00:00.000Z');
  });

  it('starts the month on the 1st at local midnight', () => {
    const november = monthOf(at('2026-11-23T15:30:00Z'), 'America/Denver');
    expect(november).toEqual({ key: '2026-11', startMs: at('2026-11-01T06:00:00Z') });
    // 9 PM MST on Nov 30 is already December in UTC.
    expect(monthOf(at('2026-12-01T04:00:00Z'), 'America/Denver').key).toBe('2026-11');
    expect(monthOf(at('2026-12-01T04:00:00Z'), 'UTC').key).toBe('2026-12');
    expect(monthOf(at('2027-01-15T12:00:00Z'), 'Asia/Kolkata')).toEqual({
      key: '2027-01',
      startMs: at('2026-12-31T18:30:00Z'),
    });
  });
});
