// A task's schedule in words for lists, remembered: wording a cron expression and naming its zone
// cost about 0.1 ms each, which a page of 100 cards paid on every read of an unchanged schedule.
import { describeSchedule } from '../scheduler/describe';
import type { BoardTask } from '../model/types';

const LIMIT = 4_096;
const texts = new Map<string, string>();

/** The schedule in plain English in its zone (the display zone when it names none). */
export function scheduleText(schedule: BoardTask['schedule'], displayTimezone: string, createdAt: number): string {
  const timezone = schedule.timezone ?? displayTimezone;
  const key = `${schedule.kind}\u0000${schedule.expr ?? ''}\u0000${timezone}\u0000${createdAt}`;
  const known = texts.get(key);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = describeSchedule({ kind: schedule.kind, expr: schedule.expr, timezone, anchor: createdAt });
  } catch {
    // A stored schedule the compiler no longer reads still shows as written.
    text = schedule.expr ? `${schedule.kind}: ${schedule.expr}` : schedule.kind;
  }
  // The oldest entry goes first: Map keeps insertion order.
  if (texts.size >= LIMIT) texts.delete(texts.keys().next().value!);
  texts.set(key, text);
  return text;
}
