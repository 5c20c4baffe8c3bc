// Plain-English descriptions of schedules, in the words the task form and the CLI show:
// "At 08:30 on weekdays, Mountain Time".
import cronstrue from 'cronstrue';
import { describeRrule } from './describe-rrule';
import { dateTimeText } from './describe-text';
import { instantToWallClock } from './local-time';
import { compileSchedule, type ScheduleSpec } from './schedule-spec';

// Generic zone names can depend on the date (Sydney's was "Standard" in 1970); a fixed recent
// instant keeps descriptions stable without reading the clock.
const NAME_REFERENCE = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const zoneNames = new Map<string, string>();

/** "Mountain Time" for America/Denver; the IANA id when the zone has no name of its own (Etc/UTC). */
export function zoneDisplayName(timeZone: string): string {
  let name = zoneNames.get(timeZone);
  if (name === undefined) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(
      NAME_REFERENCE,
    );
    const generic = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    name = generic === '' || /^(GMT|UTC)/.test(generic) ? timeZone : generic;
    zoneNames.set(timeZone, name);
  }
  return name;
}

const CRON_POLISH: [RegExp, string][] = [
  [/, Monday through Friday/, ' on weekdays'],
  [/, only on (Saturday and Sunday|Sunday and Saturday)/, ' on weekends'],
  [/, only on /, ' on '],
  [/, only in /, ' in '],
  [/, on day /, ' on day '],
  [/, and /g, ' and '],
];

function describeCron(expr: string): string {
  let text: string;
  try {
    text = cronstrue.toString(expr, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    // croner accepts a few forms cronstrue cannot read; the expression itself is then the best text.
    return `On cron schedule ${expr}`;
  }
  return CRON_POLISH.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

function unitText(everyMs: number): string {
  const minutes = everyMs / 60_000;
  if (minutes % 60 !== 0) return minutes === 1 ? 'minute' : `${minutes} minutes`;
  return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
}

/** What the schedule does in plain English, with the zone's name where the wall clock matters. */
export function describeSchedule(spec: ScheduleSpec): string {
  const schedule = compileSchedule(spec);
  const zone = zoneDisplayName(schedule.timezone);
  switch (schedule.kind) {
    case 'manual':
      return 'Manually, when you run it';
    case 'cron':
      return `${describeCron(spec.expr ?? '')}, ${zone}`;
    case 'rrule':
      return `${describeRrule(schedule.rrule)}, ${zone}`;
    case 'once':
      return `Once on ${dateTimeText(instantToWallClock(schedule.instant, schedule.timezone))}, ${zone}`;
    case 'interval': {
      // Elapsed time needs no zone; only a start written in the expression is shown in one.
      const every = `Every ${unitText(schedule.everyMs)}`;
      return schedule.fromWall === null ? every : `${every} from ${dateTimeText(schedule.fromWall)}, ${zone}`;
    }
    default: {
      const never: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(never)}`);
    }
  }
}
