import { describe, expect, it } from 'vitest';
import {
  EMPTY_SUMMARY,
  trayIconState,
  trayMenu,
  trayStatusLine,
  trayTooltip,
  type TraySummary,
} from '../../../src-main/desktop/tray-menu';

const summary = (values: Partial<TraySummary>): TraySummary => ({ ...EMPTY_SUMMARY, ...values });

describe('tray icon state', () => {
  it('is idle with no tasks, and with tasks that are neither running, failing nor all paused', () => {
    expect(trayIconState(EMPTY_SUMMARY)).toBe('idle');
    expect(trayIconState(summary({ tasks: 3, paused: 1 }))).toBe('idle');
  });

  it('shows running while any task runs', () => {
    expect(trayIconState(summary({ tasks: 3, running: 1 }))).toBe('running');
  });

  it('shows attention over running, so a halted task is not hidden by a busy queue', () => {
    expect(trayIconState(summary({ tasks: 3, running: 2, needsAttention: 1 }))).toBe('attention');
  });

  it('shows paused only when every task is paused', () => {
    expect(trayIconState(summary({ tasks: 2, paused: 2 }))).toBe('paused');
    expect(trayIconState(summary({ tasks: 2, paused: 1 }))).toBe('idle');
  });
});

describe('tray status line', () => {
  it('says there are no tasks yet on a fresh install', () => {
    expect(trayStatusLine(EMPTY_SUMMARY)).toBe('No tasks yet');
  });

  it('counts tasks with singular and plural forms', () => {
    expect(trayStatusLine(summary({ tasks: 1 }))).toBe('1 task');
    expect(trayStatusLine(summary({ tasks: 4, running: 1, needsAttention: 1, paused: 1 }))).toBe(
      '4 tasks, 1 running, 1 needs attention, 1 paused',
    );
    expect(trayStatusLine(summary({ tasks: 4, needsAttention: 2 }))).toBe('4 tasks, 2 need attention');
  });

  it('says all paused instead of repeating the count', () => {
    expect(trayStatusLine(summary({ tasks: 3, paused: 3 }))).toBe('3 tasks, all paused');
  });

  it('names the app in the tooltip', () => {
    expect(trayTooltip(summary({ tasks: 2, running: 1 }))).toBe('Ridgeline: 2 tasks, 1 running');
  });
});

describe('tray menu', () => {
  it('shows the status as a disabled line, then Open board and Quit', () => {
    expect(trayMenu(summary({ tasks: 2, running: 1 }))).toEqual([
      { kind: 'status', label: '2 tasks, 1 running' },
      { kind: 'separator' },
      { kind: 'action', action: 'open-board', label: 'Open board' },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Ridgeline' },
    ]);
  });
});
