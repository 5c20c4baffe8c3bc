// Plain-English descriptions of schedules, in the words the task form and the CLI show:
// "At 08:30 on weekdays, Mountain Time".
import cronstrue from 'cronstrue';
import { civilFromWall, instantToWallClock, type WallMs } from '../lib/local-time';
import type { CompiledRrule } from './rrule-expr';
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

const pad = (n: number): string => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clockText(hour: number, minute: number, second = 0): string {
  return `${pad(hour)}:${pad(minute)}${second ? `:${pad(second)}` : ''}`;
}

/** "Tue, Dec 1, 2026 at 08:30" for a wall time. */
function dateTimeText(wall: WallMs): string {
  const c = civilFromWall(wall);
  const weekday = WEEKDAYS[(((Math.floor(wall / 86_400_000) + 4) % 7) + 7) % 7];
  return `${weekday}, ${MONTHS[c.month - 1]} ${c.day}, ${c.year} at ${clockText(c.hour, c.minute, c.second)}`;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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

function describeRrule(r: CompiledRrule): string {
  let text = r.rule
    .toText()
    .replace(/ at \d+(?:(?:, | and )\d+)*/, '') // rrule prints hours alone ("at 9 and 17"); times come below
    .replace(/ on ((?:\w+day, )+)(\w+day)/, (_, head: string, last: string) => ` on ${head.slice(0, -2)} and ${last}`)
    .replace(/ for (\d+) times?/, ', $1 times');
  if (['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(r.freq)) {
    const start = civilFromWall(r.dtstartWall);
    const hours = r.byHour ?? [start.hour];
    const minutes = r.byMinute ?? [start.minute];
    const times = hours
      .flatMap((h) => minutes.map((m) => h * 60 + m))
      .sort((a, b) => a - b)
      .map((t) => clockText(Math.floor(t / 60), t % 60, r.byMinute ? 0 : start.second));
    const at = times.length <= 6 ? ` at ${joinList(times)}` : ` at ${times.length} times a day`;
    const tail = /(, \d+ times| until )/.exec(text);
    text = tail ? text.slice(0, tail.index) + at + text.slice(tail.index) : text + at;
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
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
