import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { approvalLabel, pauseEnd, tomorrowMorning, trayTitle, unreadText } from '../../../src-main/desktop/tray-extras';
import {
  EMPTY_SUMMARY,
  trayLabels,
  trayMenu,
  trayNextLine,
  trayTooltip,
  type TrayMenuItem,
  type TraySummary,
} from '../../../src-main/desktop/tray-menu';
import { loadTraySummary } from '../../../src-main/desktop/tray-summary';
import { parseNameHasOwner, trayPlan, WATCHER_QUERY } from '../../../src-main/desktop/tray-support';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

const at = (iso: string): number => Date.parse(iso);
const summary = (values: Partial<TraySummary>): TraySummary => ({ ...EMPTY_SUMMARY, ...values });
const approval = {
  id: 'a1',
  runId: 'r1',
  taskId: 't1',
  taskTitle: 'Nightly chore',
  question: 'Merge the dependency bump on branch chore/deps?',
};

function submenu(items: TrayMenuItem[], label: string): TrayMenuItem[] {
  const found = items.find((i) => i.kind === 'submenu' && i.label === label);
  if (!found || found.kind !== 'submenu') throw new Error(`no submenu "${label}"`);
  return found.items;
}

describe('pausing for a while', () => {
  it('resumes tomorrow at 8:00 AM on the display timezone clock, whatever the hour now', () => {
    // 11:40 PM MST on Monday the 23rd, then 12:10 AM MST on Tuesday the 24th.
    expect(new Date(tomorrowMorning(at('2026-11-24T06:40:00Z'), 'America/Denver')).toISOString()).toBe(
      '2026-11-24T15:00:00.000Z',
    );
    expect(new Date(tomorrowMorning(at('2026-11-24T07:10:00Z'), 'America/Denver')).toISOString()).toBe(
      '2026-11-25T15:00:00.000Z',
    );
  });

  it('counts tomorrow morning across a DST change in the zone, not as 24 hours', () => {
    // Saturday 2026-03-07 at 9:00 PM MST; Sunday 8:00 AM is MDT (UTC-6).
    expect(new Date(tomorrowMorning(at('2026-03-08T04:00:00Z'), 'America/Denver')).toISOString()).toBe(
      '2026-03-08T14:00:00.000Z',
    );
    expect(new Date(tomorrowMorning(at('2026-11-24T12:00:00Z'), 'Europe/Berlin')).toISOString()).toBe(
      '2026-11-25T07:00:00.000Z',
    );
  });

  it('resumes an hour later for Pause for 1 hour', () => {
    expect(pauseEnd('hour', at('2026-11-24T16:00:00Z'), 'America/Denver')).toBe(at('2026-11-24T17:00:00Z'));
  });

  it('says until when the scheduler is paused, in the display timezone', () => {
    const paused = summary({ tasks: 1, schedulerPaused: true, pausedUntil: at('2026-11-25T15:00:00Z') });
    expect(trayNextLine(paused)).toBe('Scheduler paused until Wed, Nov 25, 8:00 AM MST');
    expect(trayNextLine(summary({ tasks: 1, schedulerPaused: true }))).toBe('Scheduler paused');
  });
});

describe('counts on the icon and in the menu', () => {
  it('puts attention and unread counts in the title beside the icon, and nothing when calm', () => {
    expect(trayTitle(0, 0)).toBe('');
    expect(trayTitle(2, 0)).toBe('2!');
    expect(trayTitle(1, 7)).toBe('1! 7');
    expect(trayTitle(0, 100)).toBe('99+');
    expect(unreadText(42)).toBe('42');
  });

  it('says the unread count in the tooltip and as a menu line that opens the board', () => {
    const s = summary({ tasks: 1, needsAttentionTotal: 1, unread: 12 });
    expect(trayTooltip(s)).toBe('Ridgeline: Nothing running · 1 need attention · 12 unread · No runs scheduled');
    expect(trayMenu(s)).toContainEqual({
      kind: 'action',
      label: '12 unread in the timeline',
      command: { kind: 'open-board' },
    });
  });

  it('lists approvals with Open, each opening its run', () => {
    const menu = trayMenu(summary({ tasks: 1, approvals: [approval] }));
    expect(submenu(menu, 'Approvals (1)')).toEqual([
      {
        kind: 'action',
        label: 'Open: Nightly chore — Merge the dependency bump on branch chore/deps?',
        command: { kind: 'open-run', runId: 'r1', taskId: 't1' },
      },
    ]);
    expect(approvalLabel({ ...approval, question: 'x'.repeat(80) })).toBe(`Open: Nightly chore — ${'x'.repeat(59)}…`);
  });

  it("lists each task's next run in the display timezone", () => {
    const menu = trayMenu(
      summary({
        tasks: 2,
        upcoming: [
          { taskId: 't1', title: 'Morning briefing', at: at('2026-11-24T15:30:00Z') },
          { taskId: 't2', title: 'Summer report', at: at('2027-07-01T15:30:00Z') },
        ],
      }),
    );
    expect(trayLabels(submenu(menu, 'Next runs'))).toEqual([
      'Morning briefing · Tue, Nov 24, 8:30 AM MST',
      'Summer report · Thu, Jul 1, 9:30 AM MDT',
    ]);
  });
});

describe('a Linux desktop without a tray', () => {
  it('reads the session bus answer to NameHasOwner from a real dbus-send on a private bus', () => {
    const result = spawnSync('dbus-run-session', ['--', ...WATCHER_QUERY], { encoding: 'utf8', timeout: 10_000 });
    if (result.error) throw new Error(`dbus-run-session is missing (apt-get install dbus): ${result.error.message}`);
    expect(parseNameHasOwner(result.stdout)).toBe(false);
    expect(parseNameHasOwner('method return time=1 sender=org.freedesktop.DBus\n   boolean true\n')).toBe(true);
    expect(parseNameHasOwner('Error org.freedesktop.DBus.Error.ServiceUnknown')).toBeUndefined();
  });

  it('keeps the board open and says so when no StatusNotifierWatcher runs, instead of a tray nobody sees', () => {
    const plan = trayPlan('linux', false);
    expect(plan).toMatchObject({ tray: false, notice: { title: 'Ridgeline has no tray icon on this desktop' } });
    expect(trayPlan('linux', true)).toEqual({ tray: true });
    expect(trayPlan('linux', undefined)).toEqual({ tray: true });
    expect(trayPlan('darwin', false)).toEqual({ tray: true });
  });
});

let t: TestRuntime | undefined;
afterEach(async () => {
  await t?.runtime.stop();
  t = undefined;
});

describe('the tray extras from a real runtime', () => {
  it('counts unread timeline events, lists pending approvals and the next runs, soonest first', async () => {
    t = await startedTestRuntime();
    const api = t.runtime.api;
    await api.call('tasks.create', { title: 'Hourly sync', schedule: { kind: 'cron', expr: '0 * * * *' } });
    await api.call('tasks.create', { title: 'Weekly review', schedule: { kind: 'cron', expr: '0 9 * * 5' } });
    const asking = await api.call('tasks.create', {
      title: 'Deploy',
      pipeline: { steps: [{ id: 'ask', uses: 'approval.request', with: { question: 'Ship it?' } }] },
    });
    const run = await api.call('tasks.runNow', { id: asking.id });
    const deadline = Date.now() + 10_000;
    while ((await api.call('approvals.list', { status: 'pending' })).length === 0) {
      if (Date.now() > deadline) throw new Error('no approval asked in time');
      t.clock.advance(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const loaded = await loadTraySummary(api.call);
    expect(loaded.approvals).toEqual([
      expect.objectContaining({ runId: run.id, taskTitle: 'Deploy', question: 'Ship it?' }),
    ]);
    expect(loaded.upcoming.map((u) => u.title)).toEqual(['Hourly sync', 'Weekly review']);
    const unread = (await api.call('events.list', { unreadOnly: true, limit: 500 })).items.length;
    expect(unread).toBeGreaterThan(0);
    expect(loaded.unread).toBe(unread);
  });
});
