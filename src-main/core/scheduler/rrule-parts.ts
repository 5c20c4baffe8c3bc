// Checks on the parts of an RRULE before rrule sees them: value ranges, the RFC 5545 table of which
// BYxxx parts go with which FREQ, and the combinations on which rrule 2.8 would loop forever.
import { checkedWall, civilFromWall, type WallMs } from '../lib/local-time';

export const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
export type Freq = (typeof FREQS)[number];
const SUB_DAILY: readonly Freq[] = ['HOURLY', 'MINUTELY', 'SECONDLY'];
const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';

type Check = (value: string) => string | null;

function intList(min: number, max: number, signed = false): Check {
  return (value) => {
    for (const item of value.split(',')) {
      const n = Number(item);
      const ok = /^[+-]?\d+$/.test(item) && Math.abs(n) >= min && Math.abs(n) <= max && (signed || n >= 0);
      if (!ok) return `'${item}' is not ${signed ? `±${min}-${max}` : `${min}-${max}`}`;
    }
    return null;
  };
}

const positiveInt: Check = (v) =>
  /^\d+$/.test(v) && Number(v) >= 1 ? null : `'${v}' is not a whole number of at least 1`;

export interface IcsDateTime {
  wall: WallMs;
  utc: boolean;
  dateOnly: boolean;
}

/** "20260302", "20260302T083000" or "20260302T153000Z", with the date checked. */
export function parseIcsDateTime(text: string): IcsDateTime | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const wall = checkedWall(y!, mo!, d!, h!, mi!, s!);
  return wall === null ? null : { wall, utc: m[7] !== undefined, dateOnly: m[4] === undefined };
}

const PART_CHECKS: Record<string, Check> = {
  FREQ: (v) => ((FREQS as readonly string[]).includes(v) ? null : `'${v}' is not one of ${FREQS.join(', ')}`),
  INTERVAL: positiveInt,
  COUNT: positiveInt,
  UNTIL: (v) => (parseIcsDateTime(v) ? null : `'${v}' is not a date or date-time like 20261231T235959Z`),
  BYSECOND: intList(0, 59),
  BYMINUTE: intList(0, 59),
  BYHOUR: intList(0, 23),
  BYDAY: (v) => {
    const bad = v.split(',').find((d) => {
      const m = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(d);
      return !m || (m[1] !== undefined && (Number(m[1]) === 0 || Math.abs(Number(m[1])) > 53));
    });
    return bad === undefined ? null : `'${bad}' is not a weekday like MO, 2TU or -1FR`;
  },
  BYMONTHDAY: intList(1, 31, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYMONTH: intList(1, 12),
  BYSETPOS: intList(1, 366, true),
  WKST: (v) => (new RegExp(`^${WEEKDAY}$`).test(v) ? null : `'${v}' is not a weekday like MO`),
};

/** Parses "FREQ=WEEKLY;BYDAY=MO" into upper-case parts, or says which part is wrong. */
export function parseRuleParts(text: string): Map<string, string> | { error: string } {
  const parts = new Map<string, string>();
  for (const part of text.split(';').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).toUpperCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).toUpperCase();
    const check = PART_CHECKS[key];
    if (!check) return { error: `unknown RRULE part '${key}'` };
    if (parts.has(key)) return { error: `RRULE part ${key} appears twice` };
    const problem = check(value);
    if (problem) return { error: `RRULE ${key}: ${problem}` };
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) return { error: 'RRULE needs a FREQ, e.g. FREQ=DAILY' };
  if (parts.has('COUNT') && parts.has('UNTIL')) return { error: 'RRULE may have COUNT or UNTIL, not both' };
  return parts;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const numbers = (value: string | undefined): number[] | null => value?.split(',').map(Number) ?? null;

/**
 * The RFC 5545 table of BYxxx parts per FREQ, and the time filters on sub-daily rules that rrule
 * 2.8 steps through in an unbounded loop: it would hang the runtime on FREQ=HOURLY;INTERVAL=2;BYHOUR=1
 * from an even hour, so such rules are refused here with the reason.
 */
export function checkRuleCombination(parts: Map<string, string>, dtstartWall: WallMs): string | null {
  const freq = parts.get('FREQ') as Freq;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  if (/\d/.test(parts.get('BYDAY') ?? '') && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    return 'BYDAY with a number (2TU, -1FR) only goes with FREQ=MONTHLY or FREQ=YEARLY';
  }
  if (parts.has('BYWEEKNO') && freq !== 'YEARLY') return 'BYWEEKNO only goes with FREQ=YEARLY';
  if (parts.has('BYYEARDAY') && ['MONTHLY', 'WEEKLY', 'DAILY'].includes(freq)) {
    return `BYYEARDAY does not go with FREQ=${freq}`;
  }
  if (parts.has('BYMONTHDAY') && freq === 'WEEKLY') return 'BYMONTHDAY does not go with FREQ=WEEKLY';
  if (!SUB_DAILY.includes(freq)) return null;
  if (parts.has('BYSETPOS')) return `BYSETPOS is supported with FREQ=DAILY or longer, not FREQ=${freq}`;

  const start = civilFromWall(dtstartWall);
  const byHour = numbers(parts.get('BYHOUR'));
  const byMinute = numbers(parts.get('BYMINUTE'));
  const bySecond = numbers(parts.get('BYSECOND'));
  if (freq === 'HOURLY') {
    // The hours reached are DTSTART's hour plus multiples of gcd(INTERVAL, 24).
    const step = gcd(interval, 24);
    if (byHour && !byHour.some((h) => (((h - start.hour) % step) + step) % step === 0)) {
      return `FREQ=HOURLY;INTERVAL=${interval} from ${start.hour}:00 never reaches BYHOUR=${byHour.join(',')}`;
    }
    return null;
  }
  const filtered = byHour || byMinute || (freq === 'SECONDLY' && bySecond);
  if (!filtered) return null;
  if (60 % interval !== 0) {
    return `with FREQ=${freq} and BYHOUR/BYMINUTE/BYSECOND, INTERVAL must divide 60; use a longer FREQ instead`;
  }
  const [unit, filter, from] =
    freq === 'MINUTELY' ? ['MINUTE', byMinute, start.minute] : ['SECOND', bySecond, start.second];
  if (filter && !filter.some((v) => (v - from) % interval === 0)) {
    return `FREQ=${freq};INTERVAL=${interval} from :${String(from).padStart(2, '0')} never reaches BY${unit}=${filter.join(',')}`;
  }
  return null;
}
