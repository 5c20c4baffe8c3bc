// Schedules as a person reads them: upcoming runs in the display timezone with DST changes marked,
// the short "Next: Mon 8:30 AM MST" line, and the short schedule summary a card shows.
import type { Schedule, ScheduleOccurrence } from '../api/contract-types';
import { offsetMinutes, toDateTimeLocal } from './time';
import { scheduleKindShortLabels } from './vocabulary';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${timeZone}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(id, f);
  }
  return f;
}

// Intl puts a narrow no-break space before AM/PM; a plain space reads and matches the same.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** Whether Intl knows the zone (formatting in an unknown one throws). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "Mon, Nov 23, 8:30 AM MST". */
export function formatOccurrence(ms: number, timeZone: string): string {
  const f = formatter('occurrence', timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return plain(f.format(ms));
}

/** "8:30 AM MST". */
function formatClock(ms: number, timeZone: string): string {
  return plain(formatter('clock', timeZone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(ms));
}

function weekday(ms: number, timeZone: string): string {
  return formatter('weekday', timeZone, { weekday: 'short' }).format(ms);
}

/** The zone's short name at that instant: "MST", "MDT"; "GMT+1" where English has no abbreviation. */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  const parts = formatter('zone', timeZone, { timeZoneName: 'short' }).formatToParts(ms);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Whole days from `fromMs`'s local date to `toMs`'s local date in the zone. */
function calendarDaysBetween(fromMs: number, toMs: number, timeZone: string): number {
  const day = (ms: number) =>
    Date.parse(`${toDateTimeLocal(new Date(ms).toISOString(), timeZone).slice(0, 10)}T00:00Z`);
  return Math.round((day(toMs) - day(fromMs)) / 86_400_000);
}

/**
 * A next run as short as it stays unambiguous: "Today 8:30 AM MST", "Mon 8:30 AM MST" within the
 * coming six days, otherwise with its date ("Mon, Nov 30, 8:30 AM MST"). The raw text if not a date.
 */
export function formatNextRun(iso: string, timeZone: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const days = calendarDaysBetween(nowMs, ms, timeZone);
  if (days === 0) return `Today ${formatClock(ms, timeZone)}`;
  if (days > 0 && days < 7) return `${weekday(ms, timeZone)} ${formatClock(ms, timeZone)}`;
  return formatOccurrence(ms, timeZone);
}

export interface DstMark {
  change: 'starts' | 'ends';
  zone: string;
  /** The zone's abbreviation from this occurrence on. */
  abbreviation: string;
  /** "DST starts · MDT", prefixed with the zone when it is not the display zone. */
  label: string;
}

export interface OccurrenceRow {
  at: string;
  /** The run in the display timezone. */
  display: string;
  /** The run in the schedule's own zone, when that is not the display zone. */
  scheduleLocal: string | null;
  marks: DstMark[];
}

function mark(change: DstMark['change'], ms: number, zone: string, prefixZone: boolean): DstMark {
  const abbreviation = zoneAbbreviation(ms, zone);
  const text = `DST ${change} · ${abbreviation}`;
  return { change, zone, abbreviation, label: prefixZone ? `${zone}: ${text}` : text };
}

/**
 * The preview's occurrences as rows for the display zone. The server marks offset changes in the
 * schedule's zone; when the display zone is another one, its own changes are marked here too,
 * since they move the displayed time by an hour just the same.
 */
export function occurrenceRows(
  occurrences: readonly ScheduleOccurrence[],
  scheduleZone: string,
  displayZone: string,
): OccurrenceRow[] {
  const sameZone = scheduleZone === displayZone;
  return occurrences.map((occurrence, i) => {
    const ms = Date.parse(occurrence.at);
    const marks: DstMark[] = [];
    if (occurrence.dstChange) marks.push(mark(occurrence.dstChange, ms, scheduleZone, !sameZone));
    const previous = occurrences[i - 1];
    if (!sameZone && previous) {
      const delta = offsetMinutes(ms, displayZone) - offsetMinutes(Date.parse(previous.at), displayZone);
      if (delta !== 0) marks.push(mark(delta > 0 ? 'starts' : 'ends', ms, displayZone, true));
    }
    return {
      at: occurrence.at,
      display: formatOccurrence(ms, displayZone),
      scheduleLocal: sameZone ? null : formatOccurrence(ms, scheduleZone),
      marks,
    };
  });
}

/** "2026-11-22T09:00": the wall-clock time `hour`:00 on the zone's next calendar day. */
export function tomorrowAt(nowMs: number, timeZone: string, hour = 9): string {
  const today = toDateTimeLocal(new Date(nowMs).toISOString(), timeZone).slice(0, 10);
  const next = new Date(Date.parse(`${today}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T${String(hour).padStart(2, '0')}:00`;
}

/** What a card shows of a schedule: "Cron: 30 8 * * 1-5", "RRULE: FREQ=WEEKLY;BYDAY=MO", "Manual". */
export function scheduleSummary(schedule: Schedule): string {
  const kind = scheduleKindShortLabels[schedule.kind];
  if (schedule.kind === 'manual' || !schedule.expr) return kind;
  // An RRULE's DTSTART line says when it began; the rule line says how it repeats.
  const expr =
    schedule.kind === 'rrule'
      ? (schedule.expr
          .split(/\r?\n/)
          .find((line) => /^RRULE:/i.test(line.trim()))
          ?.trim()
          .slice(6) ?? schedule.expr)
      : schedule.expr;
  const zone = schedule.timezone ? ` (${schedule.timezone})` : '';
  return `${kind}: ${expr}${zone}`;
}
