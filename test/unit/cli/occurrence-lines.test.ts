import { describe, expect, it } from 'vitest';
import { monthStart, occurrenceLine } from '../../../src-main/cli/ridgeline/occurrence-lines';
import type { OccurrenceSummary } from '../../../src-main/core/api/contract';

const counts = {
  fired: 0,
  caught_up: 0,
  missed: 0,
  skipped_overlap: 0,
  paused: 0,
  snoozed: 0,
  clock_change: 0,
};

describe('the status line of a recurring task', () => {
  it('says how many ran and why the others were missed', () => {
    const summary: OccurrenceSummary = {
      total: 20,
      ran: 19,
      counts: { ...counts, fired: 18, caught_up: 1, missed: 1 },
      missedBy: { asleep: 1 },
    };
    expect(occurrenceLine('Morning briefing', summary)).toBe(
      'Morning briefing: 19 of 20 ran this month, 1 missed (asleep)',
    );
  });

  it('splits missed occurrences by cause, and names overlap skips, snoozes and pauses', () => {
    const summary: OccurrenceSummary = {
      total: 12,
      ran: 5,
      counts: { ...counts, fired: 5, missed: 2, clock_change: 1, skipped_overlap: 1, snoozed: 1, paused: 2 },
      missedBy: { asleep: 2, clock_moved_forward: 1 },
    };
    expect(occurrenceLine('Sync', summary)).toBe(
      'Sync: 5 of 12 ran this month, 3 missed (2 asleep, 1 clock moved forward), 1 skipped (still running), 1 snoozed, 2 paused',
    );
  });

  it('starts the month at local midnight on the first, in the display timezone', () => {
    // 7:00 UTC on December 1 is still November 30 in Denver.
    expect(new Date(monthStart(Date.parse('2026-12-01T06:59:00Z'), 'America/Denver')).toISOString()).toBe(
      '2026-11-01T06:00:00.000Z',
    );
    expect(new Date(monthStart(Date.parse('2026-12-04T20:00:00Z'), 'America/Denver')).toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
  });
});
