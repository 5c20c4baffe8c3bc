// The notification centre: the one way a notification leaves the runtime. It turns run state
// changes from the event bus into notifications, and wraps the host's Notifier so that what the
// scheduler, the queue and pipeline steps send passes the same rules: the task's policy and the
// settings per kind, quiet hours (held, then summarised when they end), burst coalescing and
// secret masking. A run update published twice is told once. Every run notification carries
// runId and taskId, so a click can open that run in the board.
import type { PushMessage } from '../events/push-events';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Redactor } from '../lib/redact';
import type { Notification, Notifier, Settings } from '../ports';
import { BURST_WINDOW_MS, createBurstCoalescer, type Offered } from './burst';
import type { NotificationFacts, TaskFacts } from './facts';
import { decide, inQuietHours, parseTaskPolicy, quietHoursEnd, type TaskNotificationPolicy } from './policy';
import { runNotification } from './run-notification';
import { quietHoursSummaryText } from './texts';

/** Held notifications are re-checked at least this often: timers do not count time asleep. */
export const QUIET_CHECK_MS = 60_000;
/** How many run occasions (kind, run, approval) are remembered to tell each once. */
const REMEMBERED = 1000;

export interface NotificationCentreDeps {
  clock: Clock;
  settings: Settings;
  logger: Logger;
  redactor: Redactor;
  /** The host's notifier: what actually shows a notification. */
  notifier: Notifier;
  facts: NotificationFacts;
  burstWindowMs?: number;
}

export interface NotificationCentre {
  /** For the rest of the runtime: every notification sent through it passes the centre's rules. */
  notifier: Notifier;
  /** Feeds one push event; subscribe it to the runtime's event bus. */
  handle(message: PushMessage): void;
  /** Shows what a burst holds, forgets what quiet hours hold, and cancels the timers. */
  stop(): void;
}

interface Held extends Offered {
  at: number;
}

export function createNotificationCentre(deps: NotificationCentreDeps): NotificationCentre {
  const { clock, logger } = deps;
  const seen = new Set<string>();
  const reportedPolicies = new Set<string>();
  let held: Held[] = [];
  let cancelQuietCheck: (() => void) | undefined;

  function deliver(n: Notification): Promise<void> {
    const shown: Notification = {
      title: deps.redactor.text(n.title),
      body: deps.redactor.text(n.body),
      ...(n.runId ? { runId: n.runId } : {}),
      ...(n.taskId ? { taskId: n.taskId } : {}),
      ...(n.approvalId ? { approvalId: n.approvalId } : {}),
    };
    return deps.notifier.notify(shown).catch((error: unknown) => {
      logger.warn('Notification could not be shown', { title: shown.title, error: String(error) });
    });
  }

  const bursts = createBurstCoalescer({ clock, windowMs: deps.burstWindowMs ?? BURST_WINDOW_MS, show: deliver });

  function taskPolicy(taskId: string | undefined, task: TaskFacts | undefined): TaskNotificationPolicy {
    if (!taskId) return {};
    const { policy, problems } = parseTaskPolicy(task?.notificationPolicy);
    if (problems.length > 0 && !reportedPolicies.has(taskId)) {
      reportedPolicies.add(taskId);
      logger.warn('Parts of a task notification policy were ignored', { taskId, problems });
    }
    return policy;
  }

  function firstTime(key: string): boolean {
    if (seen.has(key)) return false;
    if (seen.size >= REMEMBERED) seen.delete(seen.values().next().value!);
    seen.add(key);
    return true;
  }

  function releaseHeld(now: number): void {
    cancelQuietCheck?.();
    cancelQuietCheck = undefined;
    const items = held;
    held = [];
    if (items.length === 0) return;
    if (items.length === 1) {
      bursts.offer(items[0]!);
      return;
    }
    const latest = items[items.length - 1]!.notification;
    const text = quietHoursSummaryText(items, items[0]!.at, now, deps.settings.get().displayTimezone);
    void deliver({
      ...text,
      ...(latest.runId ? { runId: latest.runId } : {}),
      ...(latest.taskId ? { taskId: latest.taskId } : {}),
    });
  }

  function checkQuietHours(): void {
    cancelQuietCheck = undefined;
    const now = clock.now();
    const settings = deps.settings.get();
    if (!inQuietHours(now, settings.quietHours, settings.displayTimezone)) {
      releaseHeld(now);
      return;
    }
    const end = quietHoursEnd(now, settings.quietHours, settings.displayTimezone) ?? now;
    cancelQuietCheck = clock.setTimer(checkQuietHours, Math.min(QUIET_CHECK_MS, Math.max(0, end - now)));
  }

  /** `known` is the notification's task when the caller has already read it. */
  function accept(n: Notification, known?: { task: TaskFacts | undefined }): Promise<void> {
    const now = clock.now();
    const settings = deps.settings.get();
    if (held.length > 0 && !inQuietHours(now, settings.quietHours, settings.displayTimezone)) releaseHeld(now);
    const task = known ? known.task : n.taskId ? deps.facts.task(n.taskId) : undefined;
    const decision = decide({ kind: n.kind, now, settings, taskPolicy: taskPolicy(n.taskId, task) });
    const item: Offered = { kind: n.kind ?? 'other', subject: task?.title || n.title, notification: n };
    switch (decision) {
      case 'drop':
        logger.debug('Notification not wanted by the settings or the task', { kind: n.kind, taskId: n.taskId });
        return Promise.resolve();
      case 'hold':
        held.push({ ...item, at: now });
        if (!cancelQuietCheck) checkQuietHours();
        return Promise.resolve();
      case 'show':
        return bursts.offer(item);
      default: {
        const unknown: never = decision;
        return unknown;
      }
    }
  }

  return {
    notifier: { notify: (n) => accept(n) },
    handle(message) {
      if (message.event !== 'run:updated') return;
      try {
        const now = clock.now();
        const settings = deps.settings.get();
        const told = runNotification(message.data.run, {
          facts: deps.facts,
          now,
          timeZone: settings.displayTimezone,
          wanted: (kind, task) =>
            decide({ kind, now, settings, taskPolicy: taskPolicy(message.data.run.taskId, task) }) !== 'drop',
        });
        if (told && firstTime(told.key)) void accept(told.notification, told);
      } catch (error) {
        // The database closed under a late event (shutdown): nothing left to tell.
        logger.debug('No notification for a run update', { runId: message.data.run.id, error: String(error) });
      }
    },
    stop() {
      cancelQuietCheck?.();
      cancelQuietCheck = undefined;
      // Quiet hours are kept to the end: what they held stays in the timeline, not on the screen.
      if (held.length > 0) logger.info('Notifications held for quiet hours were not shown', { count: held.length });
      held = [];
      bursts.flush();
    },
  };
}
