import { describe, expect, it } from 'vitest';
import {
  decide,
  inQuietHours,
  isWanted,
  parseTaskPolicy,
  quietHoursEnd,
  type QuietHours,
} from '../../../../src-main/core/notify/policy';
import { defaultSettings } from '../../../../src-main/core/settings/schema';

const DENVER = 'America/Denver';
const at = (iso: string): number => Date.parse(iso);
const overnight: QuietHours = { enabled: true, start: '22:00', end: '07:00' };

describe('which kinds are wanted', () => {
  const defaults = defaultSettings().notifications;

  it('follows the settings when the task says nothing: failures yes, successes no', () => {
    expect(isWanted('run_failed', defaults)).toBe(true);
    expect(isWanted('run_succeeded', defaults)).toBe(false);
  });

  it("lets a task's own policy win over the settings both ways", () => {
    const policy = { onSuccess: true, onFailure: false };
    expect(isWanted('run_succeeded', defaults, policy)).toBe(true);
    expect(isWanted('run_failed', defaults, policy)).toBe(false);
    expect(isWanted('run_halted', defaults, policy)).toBe(true);
  });
});

describe('reading a task notification policy', () => {
  it('reads the booleans it knows', () => {
    expect(parseTaskPolicy('{"onSuccess":true,"onFailure":false}')).toEqual({
      policy: { onSuccess: true, onFailure: false },
      problems: [],
    });
    expect(parseTaskPolicy('{}')).toEqual({ policy: {}, problems: [] });
  });

  it('ignores what it cannot use and names each place', () => {
    expect(parseTaskPolicy('{"onSuccess":"yes","onSucess":true,"onHalt":false}')).toEqual({
      policy: { onHalt: false },
      problems: [
        'notificationPolicy.onSuccess: must be true or false',
        'notificationPolicy.onSucess: is not one of onSuccess, onFailure, onHalt, onApproval, onBudgetWarning',
      ],
    });
    expect(parseTaskPolicy('[true]').problems).toEqual([
      'notificationPolicy: must be an object such as { "onSuccess": true }',
    ]);
    expect(parseTaskPolicy('{oops').problems).toEqual(['notificationPolicy: is not valid JSON']);
  });
});

describe('quiet hours in the display timezone', () => {
  it('covers the hours from start to end across midnight', () => {
    // 10:30 PM, 2:00 AM and 6:59 AM MST are quiet; 7:00 AM and 9:59 PM are not.
    expect(inQuietHours(at('2026-01-15T05:30:00Z'), overnight, DENVER)).toBe(true);
    expect(inQuietHours(at('2026-01-15T09:00:00Z'), overnight, DENVER)).toBe(true);
    expect(inQuietHours(at('2026-01-15T13:59:00Z'), overnight, DENVER)).toBe(true);
    expect(inQuietHours(at('2026-01-15T14:00:00Z'), overnight, DENVER)).toBe(false);
    expect(inQuietHours(at('2026-01-15T04:59:00Z'), overnight, DENVER)).toBe(false);
  });

  it('covers a span within one day', () => {
    const lunch: QuietHours = { enabled: true, start: '12:00', end: '13:00' };
    expect(inQuietHours(at('2026-01-15T19:30:00Z'), lunch, DENVER)).toBe(true);
    expect(inQuietHours(at('2026-01-15T20:00:00Z'), lunch, DENVER)).toBe(false);
  });

  it('is off when disabled, and when start equals end', () => {
    expect(inQuietHours(at('2026-01-15T09:00:00Z'), { ...overnight, enabled: false }, DENVER)).toBe(false);
    expect(inQuietHours(at('2026-01-15T09:00:00Z'), { enabled: true, start: '07:00', end: '07:00' }, DENVER)).toBe(
      false,
    );
  });

  it('reads local time, so the same UTC instant is quiet in Denver and not in Berlin', () => {
    const instant = at('2026-01-15T09:00:00Z'); // 2:00 AM MST, 10:00 AM CET
    expect(inQuietHours(instant, overnight, DENVER)).toBe(true);
    expect(inQuietHours(instant, overnight, 'Europe/Berlin')).toBe(false);
  });

  it('ends at 7:00 AM local on both sides of a DST change', () => {
    // The night of 2026-03-08: quiet from 10 PM MST, ends 7:00 AM MDT (13:00Z, not 14:00Z).
    expect(quietHoursEnd(at('2026-03-08T06:00:00Z'), overnight, DENVER)).toBe(at('2026-03-08T13:00:00Z'));
    // The night of 2026-11-01: ends at 7:00 AM MST (14:00Z).
    expect(quietHoursEnd(at('2026-11-01T06:00:00Z'), overnight, DENVER)).toBe(at('2026-11-01T14:00:00Z'));
    // Before midnight the end is the next morning.
    expect(quietHoursEnd(at('2026-01-15T05:30:00Z'), overnight, DENVER)).toBe(at('2026-01-15T14:00:00Z'));
    expect(quietHoursEnd(at('2026-01-15T15:00:00Z'), overnight, DENVER)).toBeNull();
  });

  it('moves an end inside the spring-forward gap forward by the gap', () => {
    const early: QuietHours = { enabled: true, start: '00:00', end: '02:30' };
    expect(quietHoursEnd(at('2026-03-08T08:00:00Z'), early, DENVER)).toBe(at('2026-03-08T09:30:00Z'));
  });
});

describe('the decision', () => {
  const settings = { ...defaultSettings(), quietHours: overnight };
  const night = at('2026-01-15T09:00:00Z');
  const day = at('2026-01-15T18:00:00Z');

  it('shows what is wanted outside quiet hours and drops what is not', () => {
    expect(decide({ kind: 'run_failed', now: day, settings })).toBe('show');
    expect(decide({ kind: 'run_succeeded', now: day, settings })).toBe('drop');
    expect(decide({ kind: 'run_succeeded', now: day, settings, taskPolicy: { onSuccess: true } })).toBe('show');
  });

  it('holds all but approvals and scheduler stalls during quiet hours', () => {
    expect(decide({ kind: 'run_failed', now: night, settings })).toBe('hold');
    expect(decide({ kind: 'budget_warning', now: night, settings })).toBe('hold');
    expect(decide({ kind: undefined, now: night, settings })).toBe('hold');
    expect(decide({ kind: 'approval_needed', now: night, settings })).toBe('show');
    expect(decide({ kind: 'scheduler_stalled', now: night, settings })).toBe('show');
  });

  it('drops an unwanted kind even during quiet hours, so nothing unwanted is summarised later', () => {
    expect(decide({ kind: 'run_failed', now: night, settings, taskPolicy: { onFailure: false } })).toBe('drop');
  });
});
