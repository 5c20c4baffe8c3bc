// An RRULE in plain English, built from its parts so that every part it has is said:
// "Every month on the last weekday at 09:00", "Every hour on the hour on Monday and Tuesday".
import { civilFromWall } from './local-time';
import { clockText, dateText, dateTimeText, joinList, pad } from './describe-text';
import type { CompiledRrule } from './rrule-expr';
import { parseIcsDateTime, type Freq } from './rrule-parts';

const UNITS: Record<Freq, string> = {
  SECONDLY: 'second',
  MINUTELY: 'minute',
  HOURLY: 'hour',
  DAILY: 'day',
  WEEKLY: 'week',
  MONTHLY: 'month',
  YEARLY: 'year',
};
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];
const MAX_LISTED_TIMES = 6;

function suffixed(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** 1 "first", 7 "7th", -1 "last", -2 "second-to-last". */
function ordinal(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)}-to-last`;
  return ORDINAL_WORDS[n - 1] ?? suffixed(n);
}

/** A day of the month: 15 "15th", -1 "last day", -3 "third-to-last day". */
function monthDay(n: number): string {
  return n > 0 ? suffixed(n) : `${ordinal(n)} day`;
}

const numbers = (value: string | undefined): number[] | null => value?.split(',').map(Number) ?? null;

interface WeekdayItem {
  position: number | null;
  day: number;
}

function weekdayItems(value: string): WeekdayItem[] {
  return value.split(',').map((item) => {
    const m = /^([+-]?\d+)?(\w\w)$/.exec(item)!;
    return { position: m[1] === undefined ? null : Number(m[1]), day: DAY_CODES.indexOf(m[2]!) };
  });
}

/** Plain weekdays as a group: "weekdays", "weekends", "Monday and Friday"; null for all seven. */
function weekdayGroup(days: number[], plural = true): string | null {
  const set = [...new Set(days)].sort((a, b) => a - b);
  const key = set.join('');
  if (key === '0123456') return null;
  if (key === '01234') return plural ? 'weekdays' : 'weekday';
  if (key === '56') return plural ? 'weekends' : 'weekend day';
  return joinList(
    set.map((d) => DAY_NAMES[d]!),
    plural ? 'and' : 'or',
  );
}

function head(freq: Freq, interval: number): string {
  return interval === 1 ? `Every ${UNITS[freq]}` : `Every ${interval} ${UNITS[freq]}s`;
}

/** The days the rule keeps, as an "on ..." phrase, or '' when it keeps every day. */
function dayFilter(parts: ReadonlyMap<string, string>, freq: Freq): string {
  const byDay = parts.get('BYDAY');
  const monthDays = numbers(parts.get('BYMONTHDAY'));
  const items = byDay === undefined ? [] : weekdayItems(byDay);
  const numbered = items.some((i) => i.position !== null);
  const out: string[] = [];
  const yearDays = numbers(parts.get('BYYEARDAY'));
  if (yearDays) {
    const named = yearDays.every((d) => d > 0)
      ? `day${yearDays.length > 1 ? 's' : ''} ${joinList(yearDays.map(String))}`
      : joinList(yearDays.map((d) => (d > 0 ? `day ${d}` : `the ${ordinal(d)} day`)));
    out.push(`on ${named} of the year`);
  }
  if (monthDays) out.push(`on the ${joinList(monthDays.map(monthDay))}`);
  if (numbered) {
    const named = items.map((i) =>
      i.position === null ? `every ${DAY_NAMES[i.day]}` : `the ${ordinal(i.position)} ${DAY_NAMES[i.day]}`,
    );
    const within = freq === 'YEARLY' && !parts.has('BYMONTH') ? ' of the year' : '';
    out.push(`on ${joinList(named)}${within}`);
  } else if (items.length > 0) {
    const group = weekdayGroup(items.map((i) => i.day));
    const single = weekdayGroup(
      items.map((i) => i.day),
      false,
    );
    if (group !== null) out.push(monthDays || yearDays ? `when it is a ${single}` : `on ${group}`);
  }
  return out.join(' ');
}

/** The times of day of a DAILY or longer rule, or of an HOURLY rule that names its hours. */
function timesOfDay(r: CompiledRrule, hours: number[]): string {
  const start = civilFromWall(r.dtstartWall);
  const minutes = r.byMinute ?? [start.minute];
  const seconds = numbers(r.parts.get('BYSECOND')) ?? [start.second];
  const times = hours
    .flatMap((h) => minutes.flatMap((m) => seconds.map((s) => h * 3600 + m * 60 + s)))
    .sort((a, b) => a - b)
    .map((t) => clockText(Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60));
  if (times.length <= MAX_LISTED_TIMES) return `at ${joinList(times)}`;
  return `${times.length} times between ${times[0]} and ${times[times.length - 1]}`;
}

/** Where in each hour an HOURLY rule runs: "on the hour", "at :15 and :45 past the hour". */
function minutesPastHour(minutes: number[], second: number): string {
  if (minutes.length === 1 && minutes[0] === 0 && second === 0) return 'on the hour';
  const marks = minutes.map((m) => `:${pad(m)}${second ? `:${pad(second)}` : ''}`);
  return `at ${joinList(marks)} past the hour`;
}

function subDailyTimes(r: CompiledRrule, interval: number): string {
  const start = civilFromWall(r.dtstartWall);
  const out: string[] = [];
  if (r.freq === 'HOURLY') {
    if (r.byHour) return timesOfDay(r, r.byHour);
    const minutes = r.byMinute ?? [start.minute];
    if (interval > 1) {
      // The hours reached repeat each day only when the interval divides 24.
      const from = 24 % interval === 0 ? clockText(start.hour % interval, minutes[0]!) : dateTimeText(r.dtstartWall);
      out.push(`from ${from}`);
      if (minutes.length > 1) out.push(minutesPastHour(minutes, start.second));
    } else {
      out.push(minutesPastHour(minutes, start.second));
    }
    return out.join(', ');
  }
  if (r.byMinute && r.freq === 'MINUTELY')
    out.push(`at ${joinList(r.byMinute.map((m) => `:${pad(m)}`))} past the hour`);
  if (r.byHour) {
    const hours = r.byHour.map((h) => clockText(h, 0));
    out.push(`in the ${joinList(hours)} hour${hours.length > 1 ? 's' : ''}`);
  }
  return out.join(' ');
}

/** BYSETPOS over plain weekdays of a month, year or week: "on the last weekday of the month". */
function setPositionOfWeekdays(parts: ReadonlyMap<string, string>, freq: Freq, positions: number[]): string | null {
  const byDay = parts.get('BYDAY');
  const simple =
    byDay !== undefined &&
    !/\d/.test(byDay) &&
    ['WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq) &&
    !['BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH'].some((k) => parts.has(k)) &&
    !['BYHOUR', 'BYMINUTE', 'BYSECOND'].some((k) => (parts.get(k) ?? '').includes(','));
  if (!simple) return null;
  const days = weekdayItems(byDay).map((i) => i.day);
  const noun = weekdayGroup(days, false) ?? 'day';
  // "Every month on the last weekday" needs no "of the month"; a year's weekdays are counted
  // across the year, which the words must say.
  return `on the ${joinList(positions.map(ordinal))} ${noun}${freq === 'YEARLY' ? ' of the year' : ''}`;
}

function ending(parts: ReadonlyMap<string, string>): string {
  const count = parts.get('COUNT');
  if (count !== undefined) return count === '1' ? ', once' : `, ${count} times`;
  const until = parts.get('UNTIL');
  if (until === undefined) return '';
  const wall = parseIcsDateTime(until)!.wall;
  const { hour, minute, second } = civilFromWall(wall);
  // A bare UNTIL date was stored as the last second of that day.
  return hour === 23 && minute === 59 && second === 59
    ? `, through ${dateText(wall)}`
    : `, until ${dateTimeText(wall)}`;
}

export function describeRrule(r: CompiledRrule): string {
  const { parts, freq } = r;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const subDaily = ['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq);
  const months = numbers(parts.get('BYMONTH'));
  const weeks = numbers(parts.get('BYWEEKNO'));
  const positions = numbers(parts.get('BYSETPOS'));
  const phrases: string[] = [];
  const byDay = parts.get('BYDAY');
  const onlyWeekdays =
    interval === 1 &&
    (freq === 'WEEKLY' || freq === 'DAILY') &&
    byDay !== undefined &&
    weekdayGroup(weekdayItems(byDay).map((i) => i.day)) === 'weekdays' &&
    parts.size === 2 + ['BYHOUR', 'BYMINUTE', 'BYSECOND', 'COUNT', 'UNTIL', 'WKST'].filter((k) => parts.has(k)).length;
  const setOfWeekdays = positions ? setPositionOfWeekdays(parts, freq, positions) : null;
  if (onlyWeekdays) {
    phrases.push('Every weekday');
  } else {
    phrases.push(head(freq, interval));
    if (subDaily) phrases.push(subDailyTimes(r, interval));
    if (months) phrases.push(`in ${joinList(months.map((m) => MONTH_NAMES[m - 1]!))}`);
    if (weeks) {
      const named = weeks.map((w) => (w > 0 ? String(w) : `the ${ordinal(w)}`));
      phrases.push(`in week${weeks.length > 1 ? 's' : ''} ${joinList(named)} of the year`);
    }
    phrases.push(setOfWeekdays ?? dayFilter(parts, freq));
  }
  if (!subDaily) phrases.push(timesOfDay(r, r.byHour ?? [civilFromWall(r.dtstartWall).hour]));
  let text = phrases.filter(Boolean).join(' ');
  if (positions && !setOfWeekdays) {
    text += `, keeping only the ${joinList(positions.map(ordinal))} of these times in each ${UNITS[freq]}`;
  }
  return text + ending(parts);
}
