// What the tray says beyond the run lists: unread and attention counts for the icon's title,
// approvals waiting with Open, each task's next run, and pausing for a while. Pure, in the
// display timezone; tray-menu.ts places these items in the menu.
import { formatDateTime } from '../core/lib/time-format';
import { civilFromWall, instantToWallClock, resolveWallClock, wallFromCivil } from '../core/lib/local-time';

export const HOUR_MS = 3_600_000;
/** "Until tomorrow" resumes at this hour of the next day, on the display timezone's clock. */
export const TOMORROW_HOUR = 8;
/** Unread timeline events are counted up to this many; more reads "99+". */
export const UNREAD_LIMIT = 100;
export const UPCOMING_LIMIT = 10;

export interface TrayApproval {
  id: string;
  runId: string;
  taskId: string;
  taskTitle: string;
  question: string;
}

export interface TrayUpcoming {
  taskId: string;
  title: string;
  at: number;
}

export interface TrayExtras {
  /** Unread timeline events, counted up to UNREAD_LIMIT. */
  unread: number;
  approvals: TrayApproval[];
  /** Tasks with a next run, soonest first. */
  upcoming: TrayUpcoming[];
  /** When the scheduler resumes by itself, after Pause for 1 hour or until tomorrow. */
  pausedUntil: number | null;
}

/** 8:00 on the next calendar day in the zone (a DST gap moves it forward, as schedules do). */
export function tomorrowMorning(now: number, timeZone: string): number {
  const today = civilFromWall(instantToWallClock(now, timeZone));
  const wall = wallFromCivil({
    year: today.year,
    month: today.month,
    day: today.day + 1,
    hour: TOMORROW_HOUR,
    minute: 0,
    second: 0,
  });
  return resolveWallClock(wall, timeZone);
}

export function unreadText(unread: number): string {
  return unread >= UNREAD_LIMIT ? `${UNREAD_LIMIT - 1}+` : String(unread);
}

/** The few characters macOS shows beside the icon: attention first, then unread; empty when calm. */
export function trayTitle(needsAttention: number, unread: number): string {
  const parts: string[] = [];
  if (needsAttention > 0) parts.push(`${needsAttention}!`);
  if (unread > 0) parts.push(unreadText(unread));
  return parts.join(' ');
}

export function pausedLine(pausedUntil: number | null, timeZone: string): string {
  return pausedUntil === null ? 'Scheduler paused' : `Scheduler paused until ${formatDateTime(pausedUntil, timeZone)}`;
}

export function upcomingLabel(item: TrayUpcoming, timeZone: string): string {
  return `${item.title} · ${formatDateTime(item.at, timeZone)}`;
}

export function approvalLabel(approval: TrayApproval): string {
  const question = approval.question.length > 60 ? `${approval.question.slice(0, 59)}…` : approval.question;
  return `Open: ${approval.taskTitle} — ${question}`;
}

/** Static, so the menu reads the same all day; the status line says when it resumes once paused. */
export const PAUSE_FOR_HOUR_LABEL = 'For 1 hour';
export const PAUSE_UNTIL_TOMORROW_LABEL = `Until ${TOMORROW_HOUR}:00 AM tomorrow`;

/** When Pause for … resumes, counted from the moment it is chosen. */
export function pauseEnd(choice: 'hour' | 'tomorrow', now: number, timeZone: string): number {
  return choice === 'hour' ? now + HOUR_MS : tomorrowMorning(now, timeZone);
}
