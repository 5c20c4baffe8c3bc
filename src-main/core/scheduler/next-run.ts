// When a schedule fires: the next occurrences after an instant, and those inside a window for
// catch-up. Pure schedule math on epoch ms: no clock, no timers.
//
// THE DST RULE. Cron and RRULE schedules are evaluated on the wall clock of the schedule's IANA
// zone; each wall time is then mapped to instants:
// 1. A wall time that does not exist (spring-forward gap) is read with the UTC offset in force
//    before the gap (RFC 5545 3.3.5), so it runs the gap's length later: a daily 02:30 runs at
//    03:30 MDT on 2026-03-08. No occurrence is ever dropped.
// 2. A wall time that happens twice (fall-back overlap) runs once, at its first (daylight-time)
//    instance, when the schedule names its hours: a daily 01:30 runs at 01:30 MDT on 2026-11-01.
// 3. A schedule that matches every hour of the day (cron hour field `*` or 0-23; RRULE
//    FREQ=HOURLY/MINUTELY/SECONDLY without BYHOUR) runs at both instances, so every 30 minutes
//    stays 30 minutes apart: 01:00 MDT, 01:30 MDT, 01:00 MST, 01:30 MST.
// 4. Occurrences are distinct instants, ascending: a gap time moved onto a time that also occurs
//    (02:00 -> 03:00 MDT beside 03:00) runs once.
// 5. A once schedule written as a local date-time follows rules 1 and 2. Interval schedules count
//    elapsed time from their anchor: every 2h is 7,200 s apart whatever DST does.
import { AppError } from '../lib/errors';
import { gapWallClockToInstant, wallClockToInstants, zoneOffsetAt, type WallMs } from '../lib/local-time';
import { compileSchedule, type CompiledSchedule, type ScheduleSpec } from './schedule-spec';

const DAY = 86_400_000;

/** Offsets a zone takes within two days of an instant; enough because no zone changes offset twice in two days. */
function offsetsNear(instant: number, timeZone: string): number[] {
  return [instant - 2 * DAY, instant, instant + 2 * DAY].map((t) => zoneOffsetAt(t, timeZone));
}

/**
 * Instants in (after, until] from a stream of ascending wall times, the first `limit` of them.
 * The mapping is not monotonic near a DST change (a gap time moves forward past later times, an
 * overlap repeats an hour), so the walk goes on until no later wall time can map below the results.
 */
function scanWalls(
  walk: (afterWall: WallMs, visit: (wall: WallMs) => boolean) => void,
  everyHour: boolean,
  timeZone: string,
  after: number,
  until: number,
  limit: number,
): number[] {
  const found: number[] = [];
  const stopFor = (instant: number): number => instant + Math.max(...offsetsNear(instant, timeZone));
  const untilStop = Number.isFinite(until) ? stopFor(until) : Infinity;
  let stopWall = untilStop;
  const add = (instant: number): void => {
    if (instant <= after || instant > until || found.includes(instant)) return;
    if (found.length === limit && instant > found[limit - 1]!) return;
    let i = found.length;
    while (i > 0 && found[i - 1]! > instant) i--;
    found.splice(i, 0, instant);
    if (found.length > limit) found.pop();
    if (found.length === limit) stopWall = Math.min(untilStop, stopFor(found[limit - 1]!));
  };
  const startWall = after + Math.min(...offsetsNear(after, timeZone)) - 1000;
  walk(startWall, (wall) => {
    if (wall > stopWall) return false;
    const instants = wallClockToInstants(wall, timeZone);
    if (instants.length === 0) add(gapWallClockToInstant(wall, timeZone));
    else if (everyHour) instants.forEach(add);
    else add(instants[0]!);
    return true;
  });
  return found;
}

function occurrences(schedule: CompiledSchedule, after: number, until: number, limit: number): number[] {
  if (limit <= 0 || until <= after) return [];
  switch (schedule.kind) {
    case 'manual':
      return [];
    case 'once':
      return schedule.instant > after && schedule.instant <= until ? [schedule.instant] : [];
    case 'interval': {
      if (schedule.anchor === null) {
        throw new AppError(
          'validation_failed',
          "An interval schedule needs an anchor: write 'every 2h from 2026-11-21T08:00' or pass the task's creation time.",
        );
      }
      const { anchor, everyMs } = schedule;
      const result: number[] = [];
      // Elapsed time: anchor + k * every, for k >= 0, with no wall clock involved.
      let k = Math.max(0, Math.floor((after - anchor) / everyMs) + 1);
      while (anchor + k * everyMs <= until && result.length < limit) result.push(anchor + k++ * everyMs);
      return result;
    }
    case 'cron':
      return scanWalls(schedule.cron.walk, schedule.cron.everyHour, schedule.timezone, after, until, limit);
    case 'rrule':
      return scanWalls(schedule.rrule.walk, schedule.rrule.everyHour, schedule.timezone, after, until, limit);
    default: {
      const never: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(never)}`);
    }
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
}

/**
 * The next `n` occurrences strictly after `from` (epoch ms), ascending and distinct; fewer when
 * the schedule ends. Throws a validation_failed AppError for an invalid schedule.
 */
export function nextRuns(schedule: ScheduleSpec | CompiledSchedule, from: number, n: number): number[] {
  checkCount('n', n);
  return occurrences(compiled(schedule), from, Infinity, n);
}

/** Occurrences in (afterExclusive, untilInclusive], ascending, at most `limit` (the earliest ones): for catch-up. */
export function occurrencesBetween(
  schedule: ScheduleSpec | CompiledSchedule,
  afterExclusive: number,
  untilInclusive: number,
  limit: number,
): number[] {
  checkCount('limit', limit);
  return occurrences(compiled(schedule), afterExclusive, untilInclusive, limit);
}

function compiled(schedule: ScheduleSpec | CompiledSchedule): CompiledSchedule {
  return 'expr' in schedule ? compileSchedule(schedule) : schedule;
}
