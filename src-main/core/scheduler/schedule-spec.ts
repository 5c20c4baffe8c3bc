// What a schedule is (kind, expression, IANA zone) and its compiled form, with validation messages
// that say what is wrong in the expression. Every other scheduler module starts from compileSchedule.
import type { ScheduleKind } from '../model/types';
import { AppError } from '../lib/errors';
import { isValidTimeZone } from '../lib/time-format';
import { compileCron, type CompiledCron } from './cron-expr';
import { instantToWallClock, parseIsoDateTime, resolveWallClock, type WallMs } from '../lib/local-time';
import { compileRrule, type CompiledRrule } from './rrule-expr';

export type { ScheduleKind };

export interface ScheduleSpec {
  kind: ScheduleKind;
  /** cron or RRULE text, a date-time for once, "every 2h [from <date-time>]" for interval, null for manual. */
  expr: string | null;
  /** IANA zone the schedule's wall-clock times are read in. */
  timezone: string;
  /**
   * The task's creation instant: where an interval without "from" counts from, and where an RRULE
   * without DTSTART starts.
   */
  anchor?: number;
}

/** The one way to build a ScheduleSpec: a schedule that names no zone is read in the display zone. */
export function scheduleSpec(
  schedule: { kind: ScheduleKind; expr?: string | null; timezone?: string | null },
  displayTimezone: string,
  anchor: number,
): ScheduleSpec {
  return { kind: schedule.kind, expr: schedule.expr ?? null, timezone: schedule.timezone ?? displayTimezone, anchor };
}

export interface ScheduleIssue {
  path: 'expr' | 'timezone';
  message: string;
}

export type ScheduleValidation = { ok: true } | { ok: false; issues: ScheduleIssue[] };

export type CompiledSchedule =
  | { kind: 'cron'; timezone: string; cron: CompiledCron }
  | { kind: 'rrule'; timezone: string; rrule: CompiledRrule }
  | { kind: 'once'; timezone: string; instant: number; localWall: WallMs | null }
  | { kind: 'interval'; timezone: string; everyMs: number; anchor: number | null; fromWall: WallMs | null }
  | { kind: 'manual'; timezone: string };

const MINUTE = 60_000;
const MAX_INTERVAL_MS = 366 * 24 * 3_600_000;
const INTERVAL = /^every(?:\s+(\d+))?\s*(m|mins?|minutes?|h|hrs?|hours?)(?:\s+from\s+(\S+))?$/i;
const INTERVAL_HELP =
  "write 'every <N> minutes|hours [from <date-time>]', e.g. 'every 15m' or 'every 2h from 2026-11-21T08:00'";

function compileInterval(expr: string, timeZone: string, anchor: number | undefined): CompiledSchedule | string {
  const text = expr.trim();
  if (/^every\s+\d+\s*(s|secs?|seconds?)\b/i.test(text))
    return 'an interval is at least 1 minute; use minutes or hours';
  const m = INTERVAL.exec(text);
  if (!m) return `'${text}' is not an interval; ${INTERVAL_HELP}`;
  const count = m[1] === undefined ? 1 : Number(m[1]);
  const everyMs = count * (m[2]!.toLowerCase().startsWith('m') ? MINUTE : 60 * MINUTE);
  if (everyMs < MINUTE) return 'an interval is at least 1 minute';
  if (everyMs > MAX_INTERVAL_MS)
    return 'an interval is at most 366 days; use a cron or RRULE schedule for longer periods';
  if (m[3] === undefined) {
    return { kind: 'interval', timezone: timeZone, everyMs, anchor: anchor ?? null, fromWall: null };
  }
  const from = parseIsoDateTime(m[3]);
  if (from.kind === 'invalid') return `the start after 'from': ${from.reason}`;
  // fromWall is the start as the zone's clock reads it, for the description.
  const anchorAt = from.kind === 'instant' ? from.instant : resolveWallClock(from.wall, timeZone);
  const fromWall = instantToWallClock(anchorAt, timeZone);
  return { kind: 'interval', timezone: timeZone, everyMs, anchor: anchorAt, fromWall };
}

function compileOnce(expr: string, timeZone: string): CompiledSchedule | string {
  const parsed = parseIsoDateTime(expr);
  if (parsed.kind === 'invalid') return parsed.reason;
  if (parsed.kind === 'instant') return { kind: 'once', timezone: timeZone, instant: parsed.instant, localWall: null };
  const instant = resolveWallClock(parsed.wall, timeZone);
  return { kind: 'once', timezone: timeZone, instant, localWall: parsed.wall };
}

function compileExpr(spec: ScheduleSpec, timeZone: string): CompiledSchedule | string {
  const expr = spec.expr?.trim() ?? '';
  if (spec.kind === 'manual') {
    return expr === '' ? { kind: 'manual', timezone: timeZone } : 'a manual schedule has no expression';
  }
  if (expr === '') return `a ${spec.kind} schedule needs an expression`;
  switch (spec.kind) {
    case 'cron': {
      const cron = compileCron(expr);
      return 'error' in cron ? cron.error : { kind: 'cron', timezone: timeZone, cron };
    }
    case 'rrule': {
      const rrule = compileRrule(expr, timeZone, spec.anchor);
      return 'error' in rrule ? rrule.error : { kind: 'rrule', timezone: timeZone, rrule };
    }
    case 'once':
      return compileOnce(expr, timeZone);
    case 'interval':
      return compileInterval(expr, timeZone, spec.anchor);
    default: {
      const never: never = spec.kind;
      return `unknown schedule kind '${String(never)}'`;
    }
  }
}

/** The compiled schedule, or every issue found; a once-schedule in the past is valid (callers decide). */
function checkSchedule(
  spec: ScheduleSpec,
): { ok: true; schedule: CompiledSchedule } | { ok: false; issues: ScheduleIssue[] } {
  const issues: ScheduleIssue[] = [];
  const zoneOk = typeof spec.timezone === 'string' && isValidTimeZone(spec.timezone);
  if (!zoneOk) {
    issues.push({ path: 'timezone', message: `'${spec.timezone}' is not an IANA time zone such as America/Denver` });
  }
  // Zone-free expressions are still checked against UTC so both problems show at once; an RRULE's
  // TZID is compared with the zone, so it waits for a valid one.
  if (!zoneOk && spec.kind === 'rrule') return { ok: false, issues };
  const compiled = compileExpr(spec, zoneOk ? spec.timezone : 'Etc/UTC');
  if (typeof compiled === 'string') issues.push({ path: 'expr', message: compiled });
  if (issues.length > 0 || typeof compiled === 'string') return { ok: false, issues };
  return { ok: true, schedule: compiled };
}

export function validateSchedule(spec: ScheduleSpec): ScheduleValidation {
  const result = checkSchedule(spec);
  return result.ok ? { ok: true } : { ok: false, issues: result.issues };
}

// Compiled schedules are immutable, and the scheduler asks for the same few hundred again and again.
// Distinct schedules (one per task) are compiled once a day each when they fire, which no size of
// cache serves: 4,096 of them held 3 MB of the idle host's heap for nothing.
const MAX_CACHED = 512;
const cache = new Map<string, CompiledSchedule>();

function usesAnchor(spec: ScheduleSpec): boolean {
  return spec.kind === 'interval' || (spec.kind === 'rrule' && !/DTSTART/i.test(spec.expr ?? ''));
}

/** The compiled schedule; throws a validation_failed AppError listing the issues. */
export function compileSchedule(spec: ScheduleSpec): CompiledSchedule {
  // The anchor matters to intervals and to RRULEs without DTSTART only: every other schedule shares
  // one entry per expression.
  const key = JSON.stringify([spec.kind, spec.expr, spec.timezone, usesAnchor(spec) ? (spec.anchor ?? null) : null]);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = checkSchedule(spec);
  if (!result.ok) {
    const summary = result.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new AppError('validation_failed', `Invalid ${spec.kind} schedule: ${summary}`, { issues: result.issues });
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, result.schedule);
  return result.schedule;
}
