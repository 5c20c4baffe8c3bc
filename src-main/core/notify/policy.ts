// What is shown, as pure functions: the settings' choice per kind, a task's own notification
// policy over it, and quiet hours (in the display timezone, possibly crossing midnight).
//
// During quiet hours only approval_needed and scheduler_stalled are shown, because both stop work
// until the user acts. Everything else is held (not dropped) and summarised in one notification
// when quiet hours end; the timeline keeps every event in full either way.
import { instantToWallClock, resolveWallClock } from '../lib/local-time';
import type { NotificationKind, SettingsValues } from '../settings/schema';
import type { notificationPolicyKeys } from '../model/types';

type NotificationPolicyKey = (typeof notificationPolicyKeys)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The keys a task's notification policy may set (as the API writes them), and the kind each governs. */
export const taskPolicyKeys = {
  onSuccess: 'run_succeeded',
  onFailure: 'run_failed',
  onHalt: 'run_halted',
  onApproval: 'approval_needed',
  onBudgetWarning: 'budget_warning',
} as const satisfies Record<NotificationPolicyKey, NotificationKind>;

export type TaskPolicyKey = keyof typeof taskPolicyKeys;
export type TaskNotificationPolicy = Partial<Record<TaskPolicyKey, boolean>>;

export interface ParsedTaskPolicy {
  policy: TaskNotificationPolicy;
  /** What was ignored and why, each naming its place ("notificationPolicy.onSuccess: ..."). */
  problems: string[];
}

/** Reads a task's stored notification policy; anything it cannot use is ignored and reported, never thrown. */
export function parseTaskPolicy(json: string | null | undefined): ParsedTaskPolicy {
  if (json === null || json === undefined || json.trim() === '') return { policy: {}, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { policy: {}, problems: ['notificationPolicy: is not valid JSON'] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { policy: {}, problems: ['notificationPolicy: must be an object such as { "onSuccess": true }'] };
  }
  const policy: TaskNotificationPolicy = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(value)) {
    if (!Object.hasOwn(taskPolicyKeys, key)) {
      problems.push(`notificationPolicy.${key}: is not one of ${Object.keys(taskPolicyKeys).join(', ')}`);
    } else if (typeof setting !== 'boolean') {
      problems.push(`notificationPolicy.${key}: must be true or false`);
    } else {
      policy[key as TaskPolicyKey] = setting;
    }
  }
  return { policy, problems };
}

/** Whether a kind is wanted at all: the task's policy wins over the settings. */
export function isWanted(
  kind: NotificationKind,
  defaults: SettingsValues['notifications'],
  taskPolicy: TaskNotificationPolicy = {},
): boolean {
  for (const [key, governed] of Object.entries(taskPolicyKeys) as Array<[TaskPolicyKey, NotificationKind]>) {
    const own = taskPolicy[key];
    if (governed === kind && own !== undefined) return own;
  }
  return defaults[kind];
}

export type QuietHours = SettingsValues['quietHours'];

function minutesOf(clockTime: string): number {
  const [h, m] = clockTime.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether quiet hours are on at `now`; start == end means no quiet period at all. */
export function inQuietHours(now: number, quiet: QuietHours, timeZone: string): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const wall = instantToWallClock(now, timeZone);
  const minute = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When the quiet period holding `now` ends, as an instant; null when quiet hours are not on. An end
 * time inside a spring-forward gap moves forward by the gap (02:30 -> 03:30 MDT), as schedules do.
 */
export function quietHoursEnd(now: number, quiet: QuietHours, timeZone: string): number | null {
  if (!inQuietHours(now, quiet, timeZone)) return null;
  const wall = instantToWallClock(now, timeZone);
  const midnight = wall - (((wall % DAY) + DAY) % DAY);
  const end = minutesOf(quiet.end) * MINUTE;
  const endToday = midnight + end;
  return resolveWallClock(endToday > wall ? endToday : endToday + DAY, timeZone);
}

/** The kinds that stop work until the user acts: shown even during quiet hours. */
export const shownDuringQuietHours: readonly NotificationKind[] = ['approval_needed', 'scheduler_stalled'];

export type Decision = 'show' | 'hold' | 'drop';

export interface DecisionInput {
  /** Absent for a notification without a kind (a pipeline's own notify step): always wanted. */
  kind: NotificationKind | undefined;
  now: number;
  settings: Pick<SettingsValues, 'notifications' | 'quietHours' | 'displayTimezone'>;
  taskPolicy?: TaskNotificationPolicy;
}

export function decide(input: DecisionInput): Decision {
  const { kind, settings } = input;
  if (kind && !isWanted(kind, settings.notifications, input.taskPolicy)) return 'drop';
  if (!inQuietHours(input.now, settings.quietHours, settings.displayTimezone)) return 'show';
  return kind && shownDuringQuietHours.includes(kind) ? 'show' : 'hold';
}
