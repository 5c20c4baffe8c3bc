// Burst coalescing on a Clock: the first notification of a kind is shown at once and opens a
// window; more of that kind within the window are held, and when it closes they become one
// ("10 runs failed in the last minute: Backup, Sync, Digest and 7 more"). A lone straggler is
// shown as itself. While a burst goes on, the user sees at most one notification per window.
import type { Clock } from '../lib/clock';
import type { Notification } from '../ports';
import type { NotificationKind } from '../settings/schema';
import { burstText } from './texts';

export const BURST_WINDOW_MS = 60_000;

export interface Offered {
  kind: NotificationKind | 'other';
  /** What it is about, as a burst lists it: usually the task's title. */
  subject: string;
  notification: Notification;
}

export interface BurstCoalescer {
  /** Resolves once a notification shown at once was handed to the host; at once when held. */
  offer(item: Offered): Promise<void>;
  /** Shows whatever is held now (at shutdown) and cancels the timers. */
  flush(): void;
}

interface Window {
  /** Everything offered in this window, the one shown at its start included. */
  items: Offered[];
  held: number;
  cancel: () => void;
}

export function createBurstCoalescer(deps: {
  clock: Clock;
  show: (notification: Notification) => Promise<void>;
  windowMs?: number;
}): BurstCoalescer {
  const windowMs = deps.windowMs ?? BURST_WINDOW_MS;
  const windows = new Map<Offered['kind'], Window>();

  function summary(items: Offered[]): Notification {
    const latest = items[items.length - 1]!;
    const text = burstText(latest.kind, items, windowMs);
    // A click opens the latest run of the burst; the board lists the others beside it.
    return {
      ...(latest.kind === 'other' ? {} : { kind: latest.kind }),
      ...text,
      ...(latest.notification.runId ? { runId: latest.notification.runId } : {}),
      ...(latest.notification.taskId ? { taskId: latest.notification.taskId } : {}),
    };
  }

  function open(kind: Offered['kind'], items: Offered[]): void {
    windows.set(kind, { items, held: 0, cancel: deps.clock.setTimer(() => close(kind), windowMs) });
  }

  function release(window: Window): void {
    const held = window.items.slice(-window.held);
    void deps.show(window.held === 1 ? held[0]!.notification : summary(window.items));
  }

  function close(kind: Offered['kind']): void {
    const window = windows.get(kind);
    windows.delete(kind);
    if (!window || window.held === 0) return;
    release(window);
    // The burst may still be going on: keep counting, one summary per window at most.
    open(kind, []);
  }

  return {
    offer(item) {
      const window = windows.get(item.kind);
      if (window) {
        window.items.push(item);
        window.held++;
        return Promise.resolve();
      }
      const shown = deps.show(item.notification);
      open(item.kind, [item]);
      return shown;
    },
    flush() {
      for (const window of windows.values()) {
        window.cancel();
        if (window.held > 0) release(window);
      }
      windows.clear();
    },
  };
}
