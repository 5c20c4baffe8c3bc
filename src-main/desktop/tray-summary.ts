// Reads what the tray shows from the runtime API (the tray never keeps a second copy of runtime
// state), and keeps it fresh: push events ask for a reload, throttled to one per interval on the
// runtime's Clock, with one load in flight at a time and none lost while one runs.
import type { RunStatus, RunSummary } from '../core/model/types';
import type { Clock } from '../core/lib/clock';
import type { RuntimeApi } from '../core/runtime';
import { RECENT_RUNS, RUN_NOW_LIMIT, type TrayRun, type TraySummary } from './tray-menu';
import { UNREAD_LIMIT, UPCOMING_LIMIT, type TrayExtras } from './tray-extras';

/** Unread events, pending approvals and the next runs; pausedUntil is the tray's own to fill. */
async function loadExtras(call: Call): Promise<TrayExtras> {
  const [unread, approvals, scheduled] = await Promise.all([
    call('events.list', { unreadOnly: true, limit: UNREAD_LIMIT }),
    call('approvals.list', { status: 'pending' }),
    call('tasks.list', { paused: false, limit: 500 }),
  ]);
  const upcoming = scheduled.items
    .filter((t) => t.nextRunAt !== null)
    .map((t) => ({ taskId: t.id, title: t.title, at: Date.parse(t.nextRunAt!) }))
    .sort((a, b) => a.at - b.at)
    .slice(0, UPCOMING_LIMIT);
  return {
    unread: unread.items.length,
    approvals: approvals.map((a) => ({
      id: a.id,
      runId: a.runId,
      taskId: a.taskId,
      taskTitle: a.taskTitle,
      question: a.question,
    })),
    upcoming,
    pausedUntil: null,
  };
}

type Call = RuntimeApi['call'];

/** How many runs Needs attention lists before it says "N more in the board". */
const ATTENTION_LIMIT = 10;
const FINISHED: RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'skipped'];

function runTime(run: RunSummary): number {
  return Date.parse(run.finishedAt ?? run.startedAt ?? run.queuedAt);
}

export async function loadTraySummary(call: Call): Promise<TraySummary> {
  const [info, queue, scheduler, waiting, failedTasks, finished, tasks, extras] = await Promise.all([
    call('app.info', {}),
    call('queue.status', {}),
    call('scheduler.status', {}),
    call('runs.list', { status: ['awaiting_approval', 'halted'], limit: ATTENTION_LIMIT }),
    call('tasks.list', { status: ['failed'], limit: ATTENTION_LIMIT }),
    call('runs.list', { status: FINISHED, limit: RECENT_RUNS }),
    call('tasks.list', { sort: 'title', limit: RUN_NOW_LIMIT }),
    loadExtras(call),
  ]);
  // A failed task needs attention through its latest run, when that run is the failure.
  const lastRuns = await Promise.all(failedTasks.items.map((t) => call('runs.list', { taskId: t.id, limit: 1 })));
  const failures = lastRuns
    .map((page) => page.items[0])
    .filter((run): run is RunSummary => run?.status === 'failed' || run?.status === 'timed_out');

  const titles = new Map<string, string>();
  for (const task of [...tasks.items, ...failedTasks.items]) titles.set(task.id, task.title);
  const attention = [...waiting.items, ...failures];
  const missing = [...new Set([...attention, ...finished.items].map((r) => r.taskId))].filter((id) => !titles.has(id));
  await Promise.all(
    missing.map((id) =>
      call('tasks.get', { id }).then(
        (task) => void titles.set(id, task.title),
        () => void titles.set(id, 'Deleted task'),
      ),
    ),
  );
  const trayRun = (run: RunSummary): TrayRun => ({
    id: run.id,
    taskId: run.taskId,
    taskTitle: titles.get(run.taskId) ?? 'Deleted task',
    status: run.status,
    at: runTime(run),
  });

  return {
    tasks: tasks.total,
    running: queue.running.length,
    schedulerPaused: scheduler.paused,
    next:
      scheduler.nextRunAt && scheduler.nextTaskTitle
        ? { taskTitle: scheduler.nextTaskTitle, at: Date.parse(scheduler.nextRunAt) }
        : null,
    needsAttention: attention.map(trayRun).sort((a, b) => b.at - a.at),
    needsAttentionTotal: waiting.total + failures.length + Math.max(0, failedTasks.total - failedTasks.items.length),
    recent: finished.items.map(trayRun),
    runnable: tasks.items.map((t) => ({ id: t.id, title: t.title })),
    timeZone: info.displayTimezone,
    ...extras,
  };
}

export const TRAY_REFRESH_INTERVAL_MS = 1000;

export interface TrayFeedOptions {
  api: Pick<RuntimeApi, 'call' | 'subscribe'>;
  clock: Clock;
  onSummary: (summary: TraySummary) => void;
  /** A load failed (the runtime stops before the tray on quit, so a late one is expected). */
  onError: (error: unknown) => void;
  intervalMs?: number;
}

export interface TrayFeed {
  /** Asks for a reload now (still throttled). */
  refresh(): void;
  stop(): void;
}

export function createTrayFeed(options: TrayFeedOptions): TrayFeed {
  const interval = options.intervalMs ?? TRAY_REFRESH_INTERVAL_MS;
  let lastLoad = Number.NEGATIVE_INFINITY;
  let cancelTimer: (() => void) | undefined;
  let loading = false;
  let again = false;
  let stopped = false;

  async function load(): Promise<void> {
    cancelTimer = undefined;
    if (stopped) return;
    loading = true;
    lastLoad = options.clock.now();
    try {
      const summary = await loadTraySummary(options.api.call);
      if (!stopped) options.onSummary(summary);
    } catch (error) {
      options.onError(error);
    } finally {
      loading = false;
    }
    if (again) {
      again = false;
      request();
    }
  }

  function request(): void {
    if (stopped) return;
    if (loading) {
      again = true;
      return;
    }
    if (cancelTimer) return;
    const wait = Math.max(0, lastLoad + interval - options.clock.now());
    cancelTimer = options.clock.setTimer(() => void load(), wait);
  }

  // Log lines stream many times a second and change nothing the tray shows.
  const unsubscribe = options.api.subscribe((message) => {
    if (message.event !== 'run:log') request();
  });
  request();

  return {
    refresh: request,
    stop() {
      stopped = true;
      unsubscribe();
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
