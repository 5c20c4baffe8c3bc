// What the tray shows, as a pure function of a summary of runtime state: the icon state, the
// tooltip and the menu (status, needs attention, recent runs, run now, scheduler, board, settings,
// quit). tray.ts turns these descriptors into an Electron Menu; times read in the display timezone.
import type { RunStatus } from '../core/api/types';
import { formatTime } from '../core/lib/time-format';

export interface TrayRun {
  id: string;
  taskId: string;
  taskTitle: string;
  status: RunStatus;
  /** When it finished, or when it was queued if it has not finished (epoch ms). */
  at: number;
}

export interface TraySummary {
  /** All tasks. */
  tasks: number;
  /** Runs executing now. */
  running: number;
  schedulerPaused: boolean;
  /** The next scheduled run, if any. */
  next: { taskTitle: string; at: number } | null;
  /** Runs that wait for the user: awaiting approval, halted, or the last failure of a failed task. */
  needsAttention: TrayRun[];
  /** Needs attention in all (the list above may be shortened). */
  needsAttentionTotal: number;
  /** The latest finished runs, newest first (at most five are shown). */
  recent: TrayRun[];
  /** Tasks for Run now, by title (at most RUN_NOW_LIMIT are listed). */
  runnable: Array<{ id: string; title: string }>;
  timeZone: string;
}

export type TrayIconState = 'idle' | 'running' | 'attention' | 'paused';

export type TrayCommand =
  | { kind: 'open-board' }
  | { kind: 'open-run'; runId: string; taskId: string }
  | { kind: 'run-task'; taskId: string }
  | { kind: 'pause-scheduler' }
  | { kind: 'resume-scheduler' }
  | { kind: 'open-settings' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; command: TrayCommand }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] };

export const RECENT_RUNS = 5;
export const RUN_NOW_LIMIT = 15;

export const EMPTY_SUMMARY: TraySummary = {
  tasks: 0,
  running: 0,
  schedulerPaused: false,
  next: null,
  needsAttention: [],
  needsAttentionTotal: 0,
  recent: [],
  runnable: [],
  timeZone: 'America/Denver',
};

const STATUS_WORDS: Record<RunStatus, string> = {
  queued: 'queued',
  running: 'running',
  awaiting_approval: 'awaiting approval',
  halted: 'halted',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'timed out',
  skipped: 'skipped',
};

/** Attention wins over running, because it is the state that asks the user to do something. */
export function trayIconState(summary: TraySummary): TrayIconState {
  if (summary.needsAttentionTotal > 0) return 'attention';
  if (summary.running > 0) return 'running';
  if (summary.schedulerPaused) return 'paused';
  return 'idle';
}

/** "2 running", or why nothing is: no tasks yet, or simply idle. */
export function trayStatusLine(summary: TraySummary): string {
  if (summary.tasks === 0 && summary.running === 0) return 'No tasks yet';
  return summary.running > 0 ? `${summary.running} running` : 'Nothing running';
}

/** "Next: Morning briefing · 8:30 AM MST", or why there is none. */
export function trayNextLine(summary: TraySummary): string {
  if (summary.schedulerPaused) return 'Scheduler paused';
  if (!summary.next) return 'No runs scheduled';
  return `Next: ${summary.next.taskTitle} · ${formatTime(summary.next.at, summary.timeZone)}`;
}

export function trayTooltip(summary: TraySummary): string {
  const parts = [trayStatusLine(summary)];
  if (summary.needsAttentionTotal > 0) parts.push(`${summary.needsAttentionTotal} need attention`);
  if (summary.tasks > 0) parts.push(trayNextLine(summary));
  return `Ridgeline: ${parts.join(' · ')}`;
}

function runItem(run: TrayRun, timeZone: string): TrayMenuItem {
  return {
    kind: 'action',
    label: `${run.taskTitle} — ${STATUS_WORDS[run.status]} · ${formatTime(run.at, timeZone)}`,
    command: { kind: 'open-run', runId: run.id, taskId: run.taskId },
  };
}

function needsAttentionMenu(summary: TraySummary): TrayMenuItem[] {
  if (summary.needsAttentionTotal === 0) return [];
  const items = summary.needsAttention.map((run) => runItem(run, summary.timeZone));
  const more = summary.needsAttentionTotal - summary.needsAttention.length;
  if (more > 0) items.push({ kind: 'action', label: `${more} more in the board…`, command: { kind: 'open-board' } });
  return [{ kind: 'submenu', label: `Needs attention (${summary.needsAttentionTotal})`, items }];
}

function recentMenu(summary: TraySummary): TrayMenuItem[] {
  if (summary.recent.length === 0) return [];
  const items = summary.recent.slice(0, RECENT_RUNS).map((run) => runItem(run, summary.timeZone));
  return [{ kind: 'submenu', label: 'Recent runs', items }];
}

function runNowMenu(summary: TraySummary): TrayMenuItem[] {
  if (summary.runnable.length === 0) return [];
  const items: TrayMenuItem[] = summary.runnable.slice(0, RUN_NOW_LIMIT).map((task) => ({
    kind: 'action',
    label: task.title,
    command: { kind: 'run-task', taskId: task.id },
  }));
  if (summary.tasks > RUN_NOW_LIMIT) {
    items.push(
      { kind: 'separator' },
      { kind: 'action', label: 'All tasks in the board…', command: { kind: 'open-board' } },
    );
  }
  return [{ kind: 'submenu', label: 'Run now', items }];
}

export function trayMenu(summary: TraySummary): TrayMenuItem[] {
  const status: TrayMenuItem[] = [{ kind: 'status', label: trayStatusLine(summary) }];
  if (summary.tasks > 0) status.push({ kind: 'status', label: trayNextLine(summary) });
  const runs = [...needsAttentionMenu(summary), ...recentMenu(summary), ...runNowMenu(summary)];
  return [
    ...status,
    { kind: 'separator' },
    ...(runs.length > 0 ? [...runs, { kind: 'separator' } as const] : []),
    summary.schedulerPaused
      ? { kind: 'action', label: 'Resume scheduler', command: { kind: 'resume-scheduler' } }
      : { kind: 'action', label: 'Pause scheduler', command: { kind: 'pause-scheduler' } },
    { kind: 'action', label: 'Open board', command: { kind: 'open-board' } },
    { kind: 'action', label: 'Settings…', command: { kind: 'open-settings' } },
    { kind: 'separator' },
    { kind: 'action', label: 'Quit Ridgeline', command: { kind: 'quit' } },
  ];
}

/** Every label, submenus flattened in order: what the desktop end-to-end test reads. */
export function trayLabels(items: TrayMenuItem[]): string[] {
  return items.flatMap((item) => {
    switch (item.kind) {
      case 'separator':
        return [];
      case 'submenu':
        return [item.label, ...trayLabels(item.items)];
      case 'status':
      case 'action':
        return [item.label];
      default: {
        const unreachable: never = item;
        return unreachable;
      }
    }
  });
}
