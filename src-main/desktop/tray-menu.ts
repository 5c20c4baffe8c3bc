// What the tray shows, as a pure function of a task summary: the icon state, the tooltip and the
// menu items. tray.ts turns these descriptors into an Electron Menu.

export interface TraySummary {
  /** All tasks. */
  tasks: number;
  /** Tasks with status running. */
  running: number;
  /** Tasks that wait for the user: halted (awaiting a decision) or failed. */
  needsAttention: number;
  /** Tasks whose schedule is paused. */
  paused: number;
}

export type TrayIconState = 'idle' | 'running' | 'attention' | 'paused';

export type TrayAction = 'open-board' | 'quit';

export type TrayMenuItem =
  { kind: 'status'; label: string } | { kind: 'separator' } | { kind: 'action'; action: TrayAction; label: string };

export const EMPTY_SUMMARY: TraySummary = { tasks: 0, running: 0, needsAttention: 0, paused: 0 };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Attention wins over running, because it is the state that asks the user to do something. */
export function trayIconState(summary: TraySummary): TrayIconState {
  if (summary.needsAttention > 0) return 'attention';
  if (summary.running > 0) return 'running';
  if (summary.tasks > 0 && summary.paused === summary.tasks) return 'paused';
  return 'idle';
}

export function trayStatusLine(summary: TraySummary): string {
  if (summary.tasks === 0) return 'No tasks yet';
  const parts = [plural(summary.tasks, 'task', 'tasks')];
  if (summary.running > 0) parts.push(`${summary.running} running`);
  if (summary.needsAttention > 0)
    parts.push(`${summary.needsAttention} ${summary.needsAttention === 1 ? 'needs' : 'need'} attention`);
  if (summary.paused === summary.tasks) parts.push('all paused');
  else if (summary.paused > 0) parts.push(`${summary.paused} paused`);
  return parts.join(', ');
}

export function trayTooltip(summary: TraySummary): string {
  return `Ridgeline: ${trayStatusLine(summary)}`;
}

export function trayMenu(summary: TraySummary): TrayMenuItem[] {
  return [
    { kind: 'status', label: trayStatusLine(summary) },
    { kind: 'separator' },
    { kind: 'action', action: 'open-board', label: 'Open board' },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quit Ridgeline' },
  ];
}
