// Cron expressions (5 fields, or 6 with seconds first, as node-cron reads them): field checks with
// messages that name the field, then croner for the rest, run in UTC so it yields wall times.
import { Cron, CronPattern } from 'croner';
import type { WallMs } from '../lib/local-time';

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  namesBase?: number;
}

// Where the "matches no date" check starts: a fixed instant (2000-01-01T00:00Z), not the clock.
const Y2000 = 946_684_800_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIVE_FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesBase: 0 },
];
const SIX_FIELDS: readonly FieldRule[] = [{ name: 'second', min: 0, max: 59 }, ...FIVE_FIELDS];

// Plain items only (*, n, a-b, with an optional /step); croner's extensions (L, W, #, ?) are
// left to croner's own checks.
const PLAIN_ITEM = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\w+))?$/;

function valueOf(token: string, rule: FieldRule): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const index = rule.names ? rule.names.indexOf(token.toUpperCase()) : -1;
  return index >= 0 ? index + (rule.namesBase ?? 0) : null;
}

function checkField(field: string, rule: FieldRule): string | null {
  for (const item of field.split(',')) {
    const m = PLAIN_ITEM.exec(item);
    if (!m) continue;
    const [, from = '', to, step] = m;
    const bounds: number[] = [];
    for (const token of from === '*' ? [] : to === undefined ? [from] : [from, to]) {
      const value = valueOf(token, rule);
      if (value === null) {
        // Names are checked here; croner's extensions (L, 15W, FRIL) are left to croner.
        if (rule.names && /^[A-Za-z]+$/.test(token) && !/^(L|[A-Za-z]{3}L)$/i.test(token)) {
          const [first, last] = [rule.names[0], rule.names[rule.names.length - 1]];
          return `${rule.name} field '${token}' is not a number ${rule.min}-${rule.max} or a name ${first}-${last}`;
        }
        continue;
      }
      if (value < rule.min || value > rule.max) {
        return `${rule.name} field '${token}' is out of range ${rule.min}-${rule.max}`;
      }
      bounds.push(value);
    }
    if (bounds.length === 2 && bounds[0]! > bounds[1]!) {
      return `${rule.name} field '${item}' is a range that runs backwards; write the smaller value first`;
    }
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) {
      return `${rule.name} field '${item}' has step '${step}'; a step is a whole number of at least 1`;
    }
  }
  return null;
}

export interface CompiledCron {
  /** Wall times strictly after `afterWall`, ascending, until `visit` returns false or none are left. */
  walk(afterWall: WallMs, visit: (wall: WallMs) => boolean): void;
  /** True when every hour of the day matches: such schedules run in both copies of a repeated hour. */
  everyHour: boolean;
}

// Tasks with the same expression share one compiled expression, and at most this many are kept.
const MAX_COMPILED = 256;

// croner gives every pattern a flag for each of 10,000 years (80 KB), and compiled schedules are kept
// by callers long after this module's cache drops them, so 10,000 distinct expressions held 800 MB.
// Five- and six-field expressions allow every year, and croner reads the table only for patterns
// that restrict the year, so each pattern's own table is swapped for this shared one.
const EVERY_YEAR: readonly number[] = Object.freeze(new Array<number>(10_000).fill(1));

// The other fields' flag tables (second to weekday, about 2.3 KB a pattern) were most of what the
// schedule cache's 4,096 entries held: 11 MB of the idle host's heap with 10,000 tasks. Distinct
// expressions mostly differ in one or two fields, so the same table recurs across patterns and is
// kept once. croner writes its tables only while it parses; they are frozen once shared, so a
// later write would throw instead of changing other tasks' schedules.
const FIELD_TABLES = ['second', 'minute', 'hour', 'day', 'month', 'dayOfWeek', 'nearestWeekdays'] as const;
const MAX_SHARED_TABLES = 2_048;
const sharedTables = new Map<string, readonly number[]>();

type CronerPatternInternals = Partial<Record<(typeof FIELD_TABLES)[number] | 'year', unknown>> & {
  starYear?: unknown;
};

function sharedTable(field: string, table: number[]): readonly number[] {
  const key = `${field}:${table.join(',')}`;
  let shared = sharedTables.get(key);
  if (!shared) {
    // Patterns already compiled keep their tables; only later ones stop sharing with them.
    if (sharedTables.size >= MAX_SHARED_TABLES) sharedTables.clear();
    shared = Object.freeze(table);
    sharedTables.set(key, shared);
  }
  return shared;
}

function sharePatternTables(cron: Cron): void {
  const pattern = (cron as unknown as { _states?: { pattern?: CronerPatternInternals } })._states?.pattern;
  if (!pattern) return;
  // Left alone if croner's inner layout ever differs: the tables then cost memory, not correctness.
  if (pattern.starYear === true && Array.isArray(pattern.year) && pattern.year.length === EVERY_YEAR.length) {
    pattern.year = EVERY_YEAR;
  }
  for (const field of FIELD_TABLES) {
    const table = pattern[field];
    if (Array.isArray(table) && table.every((flag) => typeof flag === 'number')) {
      pattern[field] = sharedTable(field, table as number[]);
    }
  }
}
const compiled = new Map<string, CompiledCron | { error: string }>();

/** Parses a cron expression, or returns what is wrong with it. */
export function compileCron(expr: string): CompiledCron | { error: string } {
  const key = expr.trim();
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = parseCron(key);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, result);
  return result;
}

function parseCron(expr: string): CompiledCron | { error: string } {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return {
      error: `expected 5 or 6 fields (minute hour day-of-month month day-of-week, optionally seconds first), got ${fields.length}`,
    };
  }
  const rules = fields.length === 6 ? SIX_FIELDS : FIVE_FIELDS;
  for (const [i, field] of fields.entries()) {
    const problem = checkField(field, rules[i]!);
    if (problem) return { error: problem };
  }
  const normalized = fields.join(' ');
  let cron: Cron;
  let everyHour: boolean;
  try {
    // utcOffset 0 keeps croner out of zone math (and is ten times faster than timezone: 'Etc/UTC');
    // domAndDow false is Vixie cron's OR of day-of-month and day-of-week when both are restricted.
    cron = new Cron(normalized, { utcOffset: 0, mode: '5-or-6-parts', domAndDow: false });
    everyHour = new CronPattern(normalized, undefined, { mode: '5-or-6-parts' }).hour.every((on) => on === 1);
  } catch (error) {
    // croner numbers its entries from 0 in the six-field layout, seconds first.
    const message = (error instanceof Error ? error.message : String(error))
      .replace(/^CronPattern:\s*/, '')
      .replace(/configuration entry (\d) \((.*?)\)/, (_, i: string, item: string) => {
        return `${SIX_FIELDS[Number(i)]?.name ?? 'a'} field '${item}'`;
      });
    return { error: message };
  }
  // A pattern that matches no date (30 February) matches none after 2000 either.
  if (cron.nextRun(new Date(Y2000)) === null) {
    return { error: 'the expression matches no date (such as 30 February)' };
  }
  sharePatternTables(cron);
  return {
    everyHour,
    walk(afterWall, visit) {
      // croner runs in UTC here, so its Dates carry wall times. Dates, not ISO strings: croner
      // parses a string argument in about 30 us.
      for (let next = cron.nextRun(new Date(afterWall)); next !== null; next = cron.nextRun(next)) {
        if (!visit(next.getTime())) return;
      }
    },
  };
}
