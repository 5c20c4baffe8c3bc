// Deadline notices: a task with a deadline and no successful run becomes "at risk" (settings
// deadlines.atRiskHours before it) and then "overdue". Each notice is a timeline event and a
// notification, told once per deadline: deadline_alerts remembers it across restarts, and a changed
// deadline is a new key, so it is told again. One timer, armed for the next instant a notice falls
// due and never longer than MAX_SLEEP_MS, so a wall-clock jump is seen at the next wake.
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Notifier, Settings } from '../ports';
import type { Store } from '../store';
import type { PushMessage } from '../events/push-events';
import { deadlineText } from '../notify/deadline-texts';
import { isoAt } from '../lib/time-format';
import { MAX_SLEEP_MS } from './scheduler';

const HOUR_MS = 3_600_000;

export interface DeadlineWatch {
  start(): void;
  stop(): void;
  /** Looks again now: a task or run changed, the settings changed, or the machine woke up. */
  check(): void;
}

export interface DeadlineWatchDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  settings: Settings;
}

/**
 * Whether a push may move the next deadline notice earlier: a task's deadline or the at-risk lead
 * time changed. A task without a deadline cannot, so its runs' updates (two a run) are not looked at.
 */
export function mayMoveDeadlines(message: PushMessage): boolean {
  if (message.event === 'settings:updated' || message.event === 'task:deleted') return true;
  if (message.event === 'task:updated' || message.event === 'task:created') return message.data.task.deadline !== null;
  return false;
}

export function atRiskMs(settings: Settings): number {
  return settings.get().deadlines.atRiskHours * HOUR_MS;
}

export function createDeadlineWatch(deps: DeadlineWatchDeps): DeadlineWatch {
  const { store, clock, logger } = deps;
  let cancelTimer: (() => void) | undefined;
  /** The wall-clock instant the timer is set for. */
  let plannedWake: number | undefined;
  let running = false;

  function tellDue(now: number): void {
    const lead = atRiskMs(deps.settings);
    const timeZone = deps.settings.get().displayTimezone;
    for (const due of store.deadlines.due(now, lead)) {
      const text = deadlineText({ taskTitle: due.title, deadlineAt: due.deadlineAt, kind: due.kind, timeZone });
      const told = store.write((tx) => {
        if (!store.deadlines.markTold(due, now)) return false;
        // Past its deadline already: "at risk" would only repeat what "overdue" says.
        if (due.kind === 'overdue') store.deadlines.markTold({ ...due, kind: 'at_risk' }, now);
        tx.record({
          type: `task:deadline_${due.kind}`,
          taskId: due.taskId,
          summary: `${text.title}. ${text.body}`,
          payload: { deadline: isoAt(due.deadlineAt), kind: due.kind },
        });
        return true;
      });
      if (told) void deps.notifier.notify({ kind: 'deadline', ...text, taskId: due.taskId });
    }
  }

  /** Tells what is due; returns the next instant a notice falls due, or null. */
  function look(now: number): number | null {
    try {
      tellDue(now);
      return store.deadlines.nextInstant(now, atRiskMs(deps.settings));
    } catch (error) {
      logger.error('Deadline check failed; trying again shortly', {
        error: error instanceof Error ? error.stack : String(error),
      });
      return null;
    }
  }

  function arm(now: number, next: number | null): void {
    cancelTimer?.();
    const wait = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, next - now);
    plannedWake = now + wait;
    cancelTimer = clock.setTimer(wake, wait);
  }

  function wake(): void {
    if (!running) return;
    const now = clock.now();
    arm(now, look(now));
  }

  return {
    start() {
      if (running) return;
      running = true;
      wake();
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
    },
    check() {
      if (!running) return;
      const now = clock.now();
      const next = look(now);
      // Most changes leave the next notice where it was: the timer set for it stays.
      if (next !== null && (plannedWake === undefined || next < plannedWake)) arm(now, next);
    },
  };
}
