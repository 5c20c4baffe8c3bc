// Times as a person reads them: in the display timezone with its abbreviation ("Nov 23, 8:30 AM MST"),
// and the conversions between an instant and a datetime-local field's wall-clock value in that zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function displayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Nov 23, 8:30 AM MST"; the raw text when it is not a date. */
export function formatInstant(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  // Intl puts a narrow no-break space before AM/PM; a plain space reads and matches the same.
  return displayFormatter(timeZone)
    .format(ms)
    .replace(/\u202f/g, ' ');
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** Minutes the zone is ahead of UTC at that instant (Denver in winter: -420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const DAY_MS = 24 * 3600 * 1000;
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The value a datetime-local field shows for an instant, read in the given zone. */
export function toDateTimeLocal(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const w = wallClockAt(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * An ISO-8601 instant with the zone's offset for a datetime-local value ("2026-11-23T08:30" in
 * America/Denver -> "2026-11-23T08:30:00-07:00"). Null when the value is not a wall-clock time.
 * Like Temporal's "compatible" rule: a time that occurs twice (fall back) means the earlier one,
 * a time that never occurs (spring forward) moves forward by the gap.
 */
export function fromDateTimeLocal(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = offsetMinutes(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = offsetMinutes(wallAsUtc + DAY_MS, timeZone);
  const candidates = [wallAsUtc - offsetBefore * 60_000, wallAsUtc - offsetAfter * 60_000];
  const matching = candidates.filter((ms) => toDateTimeLocal(new Date(ms).toISOString(), timeZone) === value);
  const ms = matching.length > 0 ? Math.min(...matching) : wallAsUtc - offsetBefore * 60_000;
  const offset = offsetMinutes(ms, timeZone);
  const w = wallClockAt(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}
