// RFC 5545 recurrence rules (a DTSTART line and one RRULE line): checked part by part, rewritten to
// floating local time in the schedule's zone, then iterated by rrule, which yields wall times.
import { rrulestr, type RRule } from 'rrule';
import { civilFromWall, daysFromCivil, formatIcsWall, instantToWallClock, type WallMs } from './local-time';
import { checkRuleCombination, parseIcsDateTime, parseRuleParts, type Freq } from './rrule-parts';

const DAY = 86_400_000;
// Rules this short-period are fast-forwarded near the start of a search (rrule always iterates from DTSTART).
const PERIOD_MS: Partial<Record<Freq, number>> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
  DAILY: DAY,
  WEEKLY: 7 * DAY,
};
// The Gregorian calendar repeats exactly every 400 years (146,097 days, a whole number of weeks).
const CYCLE_MS = 146_097 * DAY;
const MAX_YEAR = 9999; // rrule stops iterating after this year
const AFTER_MAX_YEAR = daysFromCivil(MAX_YEAR + 1, 1, 1) * DAY;
/** Occurrences further than this past the start of a search are not looked for. */
export const SEARCH_YEARS = 60;

export interface CompiledRrule {
  /** Wall times strictly after `afterWall`, ascending, until `visit` returns false or none are left. */
  walk(afterWall: WallMs, visit: (wall: WallMs) => boolean): void;
  /** True when every hour of the day matches: such rules run in both copies of a repeated hour. */
  everyHour: boolean;
  freq: Freq;
  dtstartWall: WallMs;
  byHour: number[] | null;
  byMinute: number[] | null;
  /** The rule's parts, upper-case, with UNTIL as a wall time in the schedule's zone. */
  parts: ReadonlyMap<string, string>;
  rule: RRule;
}

const SAMPLE = 'DTSTART:20260302T083000\nRRULE:FREQ=WEEKLY;BYDAY=MO';

/**
 * Parses "[DTSTART[;TZID=<zone>]:20260302T083000[Z]]" plus "RRULE:..." (lines split by newlines or
 * spaces; a literal "\n" counts as a newline). Without DTSTART the rule starts at `defaultStart`
 * (the instant the schedule was made), as RFC 5545 lets a rule leave its start to its context.
 */
export function compileRrule(expr: string, timeZone: string, defaultStart?: number): CompiledRrule | { error: string } {
  let dtstart: string | null = null;
  let rruleText: string | null = null;
  for (const line of expr.replace(/\\n/g, '\n').trim().split(/\s+/)) {
    const upper = line.toUpperCase();
    if (upper.startsWith('DTSTART')) {
      if (dtstart !== null) return { error: 'more than one DTSTART line' };
      dtstart = line;
    } else if (upper.startsWith('RRULE:') || upper.startsWith('FREQ=')) {
      if (rruleText !== null) return { error: 'more than one RRULE line; Ridgeline reads one rule per schedule' };
      rruleText = upper.startsWith('RRULE:') ? line.slice(6) : line;
    } else {
      const name = /^[A-Za-z-]+/.exec(line)?.[0] ?? line;
      return { error: `only DTSTART and RRULE lines are supported, not '${name}'` };
    }
  }
  if (rruleText === null) return { error: `expected an RRULE line, e.g. ${SAMPLE.replace('\n', ' ')}` };
  const parts = parseRuleParts(rruleText);
  if (!(parts instanceof Map)) return parts;
  let dtstartWall: WallMs;
  if (dtstart !== null) {
    const parsed = parseDtstart(dtstart, timeZone);
    if (typeof parsed === 'string') return { error: parsed };
    dtstartWall = parsed;
  } else if (defaultStart !== undefined) {
    dtstartWall = implicitStart(defaultStart, timeZone, parts);
  } else {
    return { error: `an RRULE needs a DTSTART line with its first date and time, e.g. ${SAMPLE.replace('\n', ' ')}` };
  }
  return compileParts(parts, dtstartWall, timeZone);
}

/**
 * The start of a rule written without DTSTART: the wall time of `instant` in the zone, on a whole
 * minute (or a whole hour when the rule names hours but no minutes), because rrule takes every
 * time part the rule leaves out from its start: BYHOUR=8 alone means 08:00, not 08:17:42.
 */
function implicitStart(instant: number, timeZone: string, parts: Map<string, string>): WallMs {
  const unit = parts.has('BYHOUR') && !parts.has('BYMINUTE') ? 3_600_000 : 60_000;
  return Math.floor(instantToWallClock(instant, timeZone) / unit) * unit;
}

/** DTSTART's wall time in the schedule's zone, or what is wrong with the line. */
function parseDtstart(dtstart: string, timeZone: string): WallMs | string {
  const dt = /^DTSTART((?:;[A-Za-z-]+=[^;:]*)*):(.*)$/i.exec(dtstart);
  if (!dt) return `'${dtstart}' is not a DTSTART line like DTSTART:20260302T083000`;
  const params = new Map(
    (dt[1] ?? '')
      .split(';')
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')).toUpperCase(), p.slice(p.indexOf('=') + 1).replace(/^"|"$/g, '')]),
  );
  const start = parseIcsDateTime(dt[2] ?? '');
  if (!start) return `DTSTART '${dt[2]}' is not a date-time like 20260302T083000`;
  if (start.dateOnly || params.get('VALUE') === 'DATE') {
    return `DTSTART '${dt[2]}' has no time of day; write it as ${dt[2]?.slice(0, 8)}T090000`;
  }
  const tzid = params.get('TZID');
  if (tzid !== undefined && start.utc) return 'DTSTART has both a TZID and a UTC time (Z); use one';
  if (tzid !== undefined && tzid !== timeZone) {
    return `DTSTART's TZID ${tzid} differs from the schedule's timezone ${timeZone}; omit TZID or make them match`;
  }
  // A UTC DTSTART keeps its instant; the rule still repeats on the schedule zone's wall clock.
  return start.utc ? instantToWallClock(start.wall, timeZone) : start.wall;
}

function compileParts(
  parts: Map<string, string>,
  dtstartWall: WallMs,
  timeZone: string,
): CompiledRrule | { error: string } {
  const combination = checkRuleCombination(parts, dtstartWall);
  if (combination) return { error: combination };
  const freq = parts.get('FREQ') as Freq;
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const u = parseIcsDateTime(until)!;
    // rrule compares UNTIL with floating times, so a UTC UNTIL is moved to the zone's wall clock;
    // a bare date means "through that day".
    const wall = u.utc ? instantToWallClock(u.wall, timeZone) : u.dateOnly ? u.wall + DAY - 1000 : u.wall;
    parts.set('UNTIL', formatIcsWall(wall));
  }
  const ruleLine = [...parts].map(([k, v]) => `${k}=${v}`).join(';');
  const untilWall = parts.has('UNTIL') ? parseIcsDateTime(parts.get('UNTIL')!)!.wall : null;
  const build = (startWall: WallMs, shift = 0): RRule => {
    // An UNTIL shifted past year 9999 is past the end of rrule's calendar anyway.
    const keepUntil = untilWall !== null && untilWall + shift < AFTER_MAX_YEAR;
    const line = ruleLine.replace(/;?UNTIL=\w+/, keepUntil ? `;UNTIL=${formatIcsWall(untilWall + shift)}` : '');
    return rrulestr(`DTSTART:${formatIcsWall(startWall + shift)}\nRRULE:${line.replace(/^;/, '')}`);
  };

  let rule: RRule;
  try {
    rule = build(dtstartWall);
  } catch (error) {
    return { error: `RRULE: ${error instanceof Error ? error.message : String(error)}` };
  }
  const list = (key: string): number[] | null => parts.get(key)?.split(',').map(Number) ?? null;
  const byHour = list('BYHOUR');
  const unit = PERIOD_MS[freq];
  const periodMs = unit === undefined || parts.has('COUNT') ? null : unit * Number(parts.get('INTERVAL') ?? 1);
  let built = { key: '', rule };

  const walk = (afterWall: WallMs, visit: (wall: WallMs) => boolean): void => {
    let from = afterWall;
    for (;;) {
      let startWall = dtstartWall;
      // Moving DTSTART on by whole periods keeps the same series (same phase, same defaults taken
      // from DTSTART) and saves iterating years of minutes. COUNT counts from DTSTART, so not then.
      if (periodMs !== null && from - 2 * DAY > dtstartWall) {
        startWall += Math.floor((from - 2 * DAY - dtstartWall) / periodMs) * periodMs;
      }
      // rrule stops only at a match or after year 9999, so a rule with no match for centuries would
      // run for seconds. Shifting the rule by whole 400-year cycles, which changes no date or
      // weekday, puts the search 60 to 460 years before 9999 and so bounds it.
      const cycles = Math.max(0, Math.floor((MAX_YEAR - SEARCH_YEARS - civilFromWall(from).year) / 400));
      const shift = cycles * CYCLE_MS;
      if (startWall + shift >= AFTER_MAX_YEAR) return; // DTSTART lies beyond the search
      const key = `${startWall}|${shift}`;
      if (built.key !== key) built = { key, rule: build(startWall, shift) };
      let visited = false;
      let stopped = false;
      const after = from;
      built.rule.all((date) => {
        const wall = date.getTime() - shift;
        if (wall <= after) return true;
        visited = true;
        stopped = !visit(wall);
        return !stopped;
      });
      // The shifted calendar ended at year 9999, but the real one goes on: a rare rule (February
      // 29 on a Monday) still has occurrences there. A whole 400-year cycle without one means none.
      const end = AFTER_MAX_YEAR - shift;
      if (stopped || shift === 0 || (!visited && end - from >= CYCLE_MS)) return;
      from = end - 1;
    }
  };
  let matches = false;
  walk(dtstartWall - 1, () => {
    matches = true;
    return false;
  });
  if (!matches) return { error: 'the RRULE matches no date; check its BYxxx parts and INTERVAL against DTSTART' };

  return {
    everyHour: byHour ? new Set(byHour).size === 24 : ['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq),
    freq,
    dtstartWall,
    byHour,
    byMinute: list('BYMINUTE'),
    parts,
    rule,
    walk,
  };
}
