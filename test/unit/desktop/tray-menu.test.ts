import { describe, expect, it } from 'vitest';
import {
  EMPTY_SUMMARY,
  trayIconState,
  trayLabels,
  trayMenu,
  trayNextLine,
  trayStatusLine,
  trayTooltip,
  type TrayMenuItem,
  type TrayRun,
  type TraySummary,
} from '../../../src-main/desktop/tray-menu';

const at = (iso: string): number => Date.parse(iso);
const summary = (values: Partial<TraySummary>): TraySummary => ({ ...EMPTY_SUMMARY, ...values });
const briefing = { taskTitle: 'Morning briefing', at: at('2026-11-24T15:30:00Z') }; // 8:30 AM MST
const run = (id: string, taskTitle: string, status: TrayRun['status'], iso: string): TrayRun => ({
  id,
  taskId: `t-${id}`,
  taskTitle,
  status,
  at: at(iso),
});
const tasks = [
  { id: 't1', title: 'Morning briefing' },
  { id: 't2', title: 'Nightly backup' },
];

function submenu(items: TrayMenuItem[], label: string): TrayMenuItem[] {
  const found = items.find((i) => i.kind === 'submenu' && i.label === label);
  if (!found || found.kind !== 'submenu') throw new Error(`no submenu "${label}"`);
  return found.items;
}

describe('tray icon state', () => {
  it('is idle on a fresh install and with nothing running', () => {
    expect(trayIconState(EMPTY_SUMMARY)).toBe('idle');
    expect(trayIconState(summary({ tasks: 2, next: briefing }))).toBe('idle');
  });

  it('shows running while a run executes', () => {
    expect(trayIconState(summary({ tasks: 2, running: 1 }))).toBe('running');
  });

  it('shows attention over running, so a halted run is not hidden by a busy queue', () => {
    expect(trayIconState(summary({ tasks: 3, running: 2, needsAttentionTotal: 1 }))).toBe('attention');
  });

  it('shows paused when the scheduler is paused and nothing else asks for the eye', () => {
    expect(trayIconState(summary({ tasks: 2, schedulerPaused: true }))).toBe('paused');
    expect(trayIconState(summary({ tasks: 2, schedulerPaused: true, running: 1 }))).toBe('running');
  });
});

describe('tray status lines', () => {
  it('says there are no tasks yet on a fresh install', () => {
    expect(trayStatusLine(EMPTY_SUMMARY)).toBe('No tasks yet');
    expect(trayTooltip(EMPTY_SUMMARY)).toBe('Ridgeline: No tasks yet');
  });

  it('counts the runs executing now', () => {
    expect(trayStatusLine(summary({ tasks: 3 }))).toBe('Nothing running');
    expect(trayStatusLine(summary({ tasks: 3, running: 2 }))).toBe('2 running');
  });

  it('names the next run in the display timezone, MST in winter and MDT in summer', () => {
    expect(trayNextLine(summary({ tasks: 1, next: briefing }))).toBe('Next: Morning briefing · 8:30 AM MST');
    expect(trayNextLine(summary({ tasks: 1, next: { ...briefing, at: at('2027-07-01T14:30:00Z') } }))).toBe(
      'Next: Morning briefing · 8:30 AM MDT',
    );
    expect(trayNextLine(summary({ tasks: 1, next: briefing, timeZone: 'Europe/Berlin' }))).toBe(
      'Next: Morning briefing · 4:30 PM GMT+1',
    );
  });

  it('says when nothing is scheduled, and when the scheduler is paused', () => {
    expect(trayNextLine(summary({ tasks: 1 }))).toBe('No runs scheduled');
    expect(trayNextLine(summary({ tasks: 1, next: briefing, schedulerPaused: true }))).toBe('Scheduler paused');
  });

  it('sums it up in the tooltip', () => {
    expect(trayTooltip(summary({ tasks: 2, running: 1, needsAttentionTotal: 2, next: briefing }))).toBe(
      'Ridgeline: 1 running · 2 need attention · Next: Morning briefing · 8:30 AM MST',
    );
  });
});

describe('tray menu', () => {
  it('on a fresh install: the status, the scheduler, the board, settings and quit', () => {
    expect(trayMenu(EMPTY_SUMMARY)).toEqual([
      { kind: 'status', label: 'No tasks yet' },
      { kind: 'separator' },
      { kind: 'action', label: 'Pause scheduler', command: { kind: 'pause-scheduler' } },
      {
        kind: 'submenu',
        label: 'Pause for a while',
        items: [
          { kind: 'action', label: 'For 1 hour', command: { kind: 'pause-scheduler', until: 'hour' } },
          { kind: 'action', label: 'Until 8:00 AM tomorrow', command: { kind: 'pause-scheduler', until: 'tomorrow' } },
        ],
      },
      { kind: 'action', label: 'Open board', command: { kind: 'open-board' } },
      { kind: 'action', label: 'Settings…', command: { kind: 'open-settings' } },
      { kind: 'separator' },
      { kind: 'action', label: 'Quit Ridgeline', command: { kind: 'quit' } },
    ]);
  });

  it('when idle with tasks: the next run, Run now with each task, and no empty submenus', () => {
    const menu = trayMenu(summary({ tasks: 2, next: briefing, runnable: tasks }));
    expect(trayLabels(menu)).toEqual([
      'Nothing running',
      'Next: Morning briefing · 8:30 AM MST',
      'Run now',
      'Morning briefing',
      'Nightly backup',
      'Pause scheduler',
      'Pause for a while',
      'For 1 hour',
      'Until 8:00 AM tomorrow',
      'Open board',
      'Settings…',
      'Quit Ridgeline',
    ]);
    expect(submenu(menu, 'Run now')[1]).toEqual({
      kind: 'action',
      label: 'Nightly backup',
      command: { kind: 'run-task', taskId: 't2' },
    });
  });

  it('when runs need attention: each run opens itself in the board', () => {
    const waiting = run('r1', 'Deploy', 'awaiting_approval', '2026-11-24T16:05:00Z');
    const failed = run('r2', 'Nightly backup', 'failed', '2026-11-24T09:04:00Z');
    const menu = trayMenu(
      summary({ tasks: 2, running: 1, needsAttention: [waiting, failed], needsAttentionTotal: 2, runnable: tasks }),
    );
    expect(submenu(menu, 'Needs attention (2)')).toEqual([
      {
        kind: 'action',
        label: 'Deploy — awaiting approval · 9:05 AM MST',
        command: { kind: 'open-run', runId: 'r1', taskId: 't-r1' },
      },
      {
        kind: 'action',
        label: 'Nightly backup — failed · 2:04 AM MST',
        command: { kind: 'open-run', runId: 'r2', taskId: 't-r2' },
      },
    ]);
  });

  it('points to the board for attention runs beyond the listed ones', () => {
    const listed = [run('r1', 'A', 'halted', '2026-11-24T16:05:00Z')];
    const menu = trayMenu(summary({ tasks: 12, needsAttention: listed, needsAttentionTotal: 12 }));
    expect(trayLabels(submenu(menu, 'Needs attention (12)'))).toEqual([
      'A — halted · 9:05 AM MST',
      '11 more in the board…',
    ]);
  });

  it('lists the last five runs with their status, newest first', () => {
    const recent = ['succeeded', 'failed', 'cancelled', 'timed_out', 'succeeded', 'succeeded'].map((status, i) =>
      run(`r${i}`, `Task ${i}`, status as TrayRun['status'], `2026-07-01T${String(20 - i).padStart(2, '0')}:00:00Z`),
    );
    const menu = trayMenu(summary({ tasks: 6, recent }));
    expect(trayLabels(submenu(menu, 'Recent runs'))).toEqual([
      'Task 0 — succeeded · 2:00 PM MDT',
      'Task 1 — failed · 1:00 PM MDT',
      'Task 2 — cancelled · 12:00 PM MDT',
      'Task 3 — timed out · 11:00 AM MDT',
      'Task 4 — succeeded · 10:00 AM MDT',
    ]);
  });

  it('offers Resume instead of Pause while the scheduler is paused', () => {
    const labels = trayLabels(trayMenu(summary({ tasks: 1, schedulerPaused: true })));
    expect(labels).toContain('Resume scheduler');
    expect(labels).not.toContain('Pause scheduler');
    expect(labels).toContain('Scheduler paused');
  });

  it('lists at most fifteen tasks under Run now, then the board', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ id: `t${i}`, title: `Task ${i}` }));
    const items = submenu(trayMenu(summary({ tasks: 40, runnable: many })), 'Run now');
    expect(items).toHaveLength(17);
    expect(items[16]).toEqual({ kind: 'action', label: 'All tasks in the board…', command: { kind: 'open-board' } });
  });
});
