// Zone math for schedules with Intl and integer arithmetic only: offsets, wall clock <-> instants
// (with DST gaps and overlaps made explicit), and the ISO forms the API and the rrule text use.

/**
 * A "wall" value is a local date-time in some zone, encoded as the epoch ms it would have if that
 * zone were UTC. Floating values from croner and rrule (both run in UTC here) are walls already.
 */
export type WallMs = number;

const MINUTE = 60_000;
const DAY = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no Date needed.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function civilFromWall(wall: WallMs): CivilDateTime {
  const days = Math.floor(wall / DAY);
  let rest = wall - days * DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / MINUTE);
  rest -= minute * MINUTE;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000 };
}

export function wallFromCivil(c: Omit<CivilDateTime, 'millisecond'> & { millisecond?: number }): WallMs {
  return (
    daysFromCivil(c.year, c.month, c.day) * DAY +
    c.hour * 3_600_000 +
    c.minute * MINUTE +
    c.second * 1000 +
    (c.millisecond ?? 0)
  );
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

function offsetFromIntl(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(whole)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  const wall = wallFromCivil({
    year: fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  });
  return wall - whole;
}

// Intl costs some microseconds a call and a scan asks for offsets thousands of times, so each
// zone remembers, per UTC hour, the offset when it is the same at both ends of the hour (null
// when the hour holds a change, which is then asked of Intl each time).
const HOUR = 3_600_000;
const MAX_CACHED_HOURS = 100_000;
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The zone's UTC offset at an instant, in ms (wall clock minus UTC: -6 h for MDT). */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map()));
  const hour = Math.floor(instant / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = offsetFromIntl(hour * HOUR, timeZone);
    offset = first === offsetFromIntl(hour * HOUR + HOUR - 1000, timeZone) ? first : null;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? offsetFromIntl(instant, timeZone);
}

export function instantToWallClock(instant: number, timeZone: string): WallMs {
  return instant + zoneOffsetAt(instant, timeZone);
}

/**
 * Every instant at which the zone's clocks read `wall`, ascending: none in a spring-forward gap,
 * two in a fall-back overlap. Offsets a day either side bound the candidates, which assumes at
 * most one offset change within two days (true of every zone's rules in use).
 */
export function wallClockToInstants(wall: WallMs, timeZone: string): number[] {
  const before = zoneOffsetAt(wall - DAY, timeZone);
  const after = zoneOffsetAt(wall + DAY, timeZone);
  const found: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (instantToWallClock(instant, timeZone) === wall && !found.includes(instant)) found.push(instant);
  }
  return found.sort((a, b) => a - b);
}

/**
 * The instant a wall time in a gap stands for: read with the offset in force before the gap
 * (RFC 5545 section 3.3.5), which moves it forward by the gap's length (02:30 -> 03:30 MDT).
 */
export function gapWallClockToInstant(wall: WallMs, timeZone: string): number {
  return wall - zoneOffsetAt(wall - DAY, timeZone);
}

/** The one instant of a local date-time under the DST rule: a gap moves forward, an overlap takes the first. */
export function resolveWallClock(wall: WallMs, timeZone: string): number {
  return wallClockToInstants(wall, timeZone)[0] ?? gapWallClockToInstant(wall, timeZone);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

/** "2026-11-01T01:30:00" (milliseconds only when present). */
export function formatWall(wall: WallMs): string {
  const c = civilFromWall(wall);
  const ms = c.millisecond ? `.${pad(c.millisecond, 3)}` : '';
  return `${formatYear(c.year)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${ms}`;
}

/** "+05:30", "-06:00"; seconds only for the odd historical offset that has them. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(Math.round(offsetMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** The local ISO-8601 form of an instant with its offset: "2026-11-01T01:30:00-06:00". */
export function toLocalIso(instant: number, timeZone: string): string {
  const offset = zoneOffsetAt(instant, timeZone);
  return formatWall(instant + offset) + formatOffset(offset);
}

/** The UTC ISO-8601 form of an instant, exactly as Date#toISOString writes it: "2026-11-01T07:30:00.000Z". */
export function toUtcIso(instant: number): string {
  const ms = ((instant % 1000) + 1000) % 1000;
  return `${formatWall(instant - ms)}.${pad(ms, 3)}Z`;
}

/** RFC 5545 floating DATE-TIME: "20261101T013000". */
export function formatIcsWall(wall: WallMs): string {
  return formatWall(wall).slice(0, 19).replace(/[-:]/g, '');
}

/** Date-time fields with their ranges checked; null when a field is out of range (e.g. February 30). */
export function checkedWall(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): WallMs | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return wallFromCivil({ year, month, day, hour, minute, second });
}

// Seconds may carry a fraction, as Date.prototype.toISOString() writes them; milliseconds are kept.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export type ParsedDateTime =
  { kind: 'instant'; instant: number } | { kind: 'local'; wall: WallMs } | { kind: 'invalid'; reason: string };

/**
 * "2026-12-01T15:30:00Z" or "...-07:00" is an instant; "2026-12-01T08:30" (seconds optional) is a
 * local date-time for the caller to place in a zone.
 */
export function parseIsoDateTime(text: string): ParsedDateTime {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) {
    return { kind: 'invalid', reason: `'${text}' is not a date-time like 2026-12-01T08:30 or 2026-12-01T15:30:00Z` };
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const whole = checkedWall(y, mo, d, h, mi, s);
  if (whole === null) return { kind: 'invalid', reason: `'${text}' is not a real date and time` };
  const wall = whole + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const zone = m[8];
  if (!zone) return { kind: 'local', wall };
  if (zone.toUpperCase() === 'Z') return { kind: 'instant', instant: wall };
  const digits = zone.replace(':', '');
  const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  if (offsetMinutes > 18 * 60) return { kind: 'invalid', reason: `'${zone}' is not a UTC offset` };
  return { kind: 'instant', instant: wall - (zone.startsWith('-') ? -1 : 1) * offsetMinutes * MINUTE };
}
