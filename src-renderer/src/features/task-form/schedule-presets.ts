// The schedule editor's quick presets and the syntax help for each schedule kind, as plain data
// (the server's syntax: node-cron style cron, RFC 5545 with DTSTART, local or ISO once, "every 15m").
import type { ScheduleKind } from '../../api/contract-types';
import { tomorrowAt } from '../../lib/schedule-format';

export interface SchedulePreset {
  id: string;
  label: string;
  kind: ScheduleKind;
  /** The expression, given the zone the schedule is read in (and the current instant). */
  expr(timeZone: string, nowMs?: number): string;
}

const fixed = (expr: string) => () => expr;

export const schedulePresets: readonly SchedulePreset[] = [
  { id: 'weekdays-0830', label: 'Weekdays at 8:30', kind: 'cron', expr: fixed('30 8 * * 1-5') },
  { id: 'daily-0700', label: 'Every day at 7:00', kind: 'cron', expr: fixed('0 7 * * *') },
  { id: 'hourly', label: 'Every hour', kind: 'cron', expr: fixed('0 * * * *') },
  { id: 'every-15m', label: 'Every 15 minutes', kind: 'interval', expr: fixed('every 15m') },
  { id: 'mondays-0900', label: 'Mondays at 9:00', kind: 'cron', expr: fixed('0 9 * * 1') },
  { id: 'once', label: 'Once…', kind: 'once', expr: (timeZone, nowMs = Date.now()) => tomorrowAt(nowMs, timeZone, 9) },
];

export interface ExpressionHelp {
  placeholder: string;
  hint: string;
}

export const expressionHelp: Record<ScheduleKind, ExpressionHelp> = {
  manual: { placeholder: '', hint: 'Manual tasks run only when you start them.' },
  cron: {
    placeholder: '30 8 * * 1-5',
    hint: 'minute hour day-of-month month day-of-week (5 fields, or 6 with seconds first), e.g. 0 */2 * * *',
  },
  rrule: {
    placeholder: 'DTSTART:20261123T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
    hint: 'RFC 5545 with a DTSTART line, then the RRULE line. A DTSTART without TZID is read in the schedule timezone.',
  },
  once: {
    placeholder: '2026-12-01T08:30',
    hint: 'A date-time in the schedule timezone (2026-12-01T08:30), or an instant with Z or an offset.',
  },
  interval: {
    placeholder: 'every 15m',
    hint: 'every 15m or every 2h, optionally with a start: every 2h from 2026-11-23T08:00',
  },
};

/** Zones offered in the timezone field; any other IANA name can be typed. */
export const commonTimeZones: readonly string[] = [
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Sao_Paulo',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];
