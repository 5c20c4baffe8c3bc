// Timeline events as the Activity page shows them: type labels, and days in the display timezone.
import type { TimelineEvent } from '../../api/contract-types';
import { wallClockAt } from '../../lib/time';

/** Types the runtime records; the filter also offers any other type seen in the list. */
export const knownEventTypes = [
  'approval:approved',
  'approval:requested',
  'budget:warning',
  'run:failed',
  'run:halted',
  'run:queued',
  'run:started',
  'run:succeeded',
  'run:waiting',
  'run:retry_scheduled',
  'run:rolled_back',
  'run:skipped',
  'schedule:fired',
  'schedule:missed',
  'scheduler:stalled',
  'task:created',
  'task:updated',
  'task:deleted',
  'wake:failed',
];

/** "run:retry_scheduled" -> "Run retry scheduled". */
export function eventTypeLabel(type: string): string {
  const words = type.replace(/[:_.]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface EventDay {
  key: string;
  label: string;
  events: TimelineEvent[];
}

const dayLabels = new Map<string, Intl.DateTimeFormat>();

function dayLabel(ms: number, timeZone: string): string {
  let f = dayLabels.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
    dayLabels.set(timeZone, f);
  }
  return f.format(ms);
}

/** Consecutive events (newest first) of the same calendar day in `timeZone`, one group each. */
export function groupByDay(events: TimelineEvent[], timeZone: string): EventDay[] {
  const days: EventDay[] = [];
  for (const event of events) {
    const ms = Date.parse(event.createdAt);
    const w = wallClockAt(ms, timeZone);
    const key = `${w.year}-${w.month}-${w.day}`;
    const last = days.at(-1);
    if (last?.key === key) last.events.push(event);
    else days.push({ key, label: dayLabel(ms, timeZone), events: [event] });
  }
  return days;
}
