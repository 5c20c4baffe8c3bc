import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/core/db/open';
import type { RuntimeApi } from '../../../src-main/core/runtime';
import { trayIconState, trayLabels, trayMenu, type TraySummary } from '../../../src-main/desktop/tray-menu';
import { createTrayFeed, loadTraySummary, type TrayFeed } from '../../../src-main/desktop/tray-summary';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

// The tray's view of a real runtime (real SQLite, real child processes) on a fake clock that
// starts Monday 2026-11-23 at 8:30 AM MST.
const running: TestRuntime[] = [];
const feeds: TrayFeed[] = [];
afterEach(async () => {
  for (const f of feeds.splice(0)) f.stop();
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function start(): Promise<TestRuntime> {
  const t = await startedTestRuntime();
  running.push(t);
  return t;
}

async function until(t: TestRuntime, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const failing = (title: string) => ({
  title,
  retryPolicy: { maxAttempts: 1 },
  pipeline: { steps: [{ id: 'go', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(1)'] } }] },
});

describe('the tray summary from the runtime', () => {
  it('on a fresh install has nothing and shows the idle icon', async () => {
    const t = await start();
    const summary = await loadTraySummary(t.runtime.api.call);
    expect(summary).toEqual({
      tasks: 0,
      running: 0,
      schedulerPaused: false,
      next: null,
      needsAttention: [],
      needsAttentionTotal: 0,
      recent: [],
      runnable: [],
      timeZone: 'America/Denver',
      unread: 0,
      approvals: [],
      upcoming: [],
      pausedUntil: null,
    });
    expect(trayIconState(summary)).toBe('idle');
  });

  it('names the next scheduled run and lists the tasks to run now by title', async () => {
    const t = await start();
    await t.runtime.api.call('tasks.create', {
      title: 'Nightly backup',
      schedule: { kind: 'cron', expr: '0 2 * * *' },
    });
    await t.runtime.api.call('tasks.create', {
      title: 'Morning briefing',
      schedule: { kind: 'cron', expr: '45 8 * * *' },
    });
    const summary = await loadTraySummary(t.runtime.api.call);
    expect(summary.runnable.map((r) => r.title)).toEqual(['Morning briefing', 'Nightly backup']);
    expect(trayLabels(trayMenu(summary)).slice(0, 2)).toEqual([
      'Nothing running',
      'Next: Morning briefing · 8:45 AM MST',
    ]);
  });

  it('puts a failed run under Needs attention and Recent runs, with the attention icon', async () => {
    const t = await start();
    const task = await t.runtime.api.call('tasks.create', failing('Nightly backup'));
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, async () => (await loadTraySummary(t.runtime.api.call)).recent.length === 1);
    const summary = await loadTraySummary(t.runtime.api.call);
    const expected = { id: run.id, taskId: task.id, taskTitle: 'Nightly backup', status: 'failed' };
    expect(summary.needsAttention).toEqual([expect.objectContaining(expected)]);
    expect(summary.needsAttentionTotal).toBe(1);
    expect(summary.recent).toEqual([expect.objectContaining(expected)]);
    expect(trayIconState(summary)).toBe('attention');
    expect(trayLabels(trayMenu(summary))).toContain('Needs attention (1)');
  });

  it('counts halted runs as needing attention', async () => {
    const t = await start();
    const task = await t.runtime.api.call('tasks.create', { title: 'Deploy' });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await t.runtime.api.call('runs.cancel', { id: run.id });
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    db.prepare(`UPDATE runs SET status = 'halted' WHERE id = ?`).run(run.id);
    db.close();
    const summary = await loadTraySummary(t.runtime.api.call);
    expect(summary.needsAttention.map((r) => [r.taskTitle, r.status])).toEqual([['Deploy', 'halted']]);
  });

  it('shows the paused icon and Resume scheduler while the scheduler is paused', async () => {
    const t = await start();
    await t.runtime.api.call('tasks.create', { title: 'Hourly', schedule: { kind: 'cron', expr: '0 * * * *' } });
    await t.runtime.api.call('scheduler.pause', {});
    const summary = await loadTraySummary(t.runtime.api.call);
    expect(trayIconState(summary)).toBe('paused');
    expect(trayLabels(trayMenu(summary))).toEqual(expect.arrayContaining(['Scheduler paused', 'Resume scheduler']));
  });
});

describe('the tray feed', () => {
  function countingApi(t: TestRuntime): { api: Pick<RuntimeApi, 'call' | 'subscribe'>; loads: () => number } {
    let loads = 0;
    const call = ((name, input) => {
      if (name === 'app.info') loads++;
      return t.runtime.api.call(name, input);
    }) as RuntimeApi['call'];
    return { api: { call, subscribe: t.runtime.api.subscribe }, loads: () => loads };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('reloads at most once a second however many events arrive, and never misses the last one', async () => {
    const t = await start();
    const { api, loads } = countingApi(t);
    const seen: TraySummary[] = [];
    feeds.push(
      createTrayFeed({
        api,
        clock: t.clock,
        onSummary: (s) => seen.push(s),
        onError: (e) => {
          throw e;
        },
      }),
    );
    t.clock.advance(0);
    await settle();
    expect(loads()).toBe(1);

    for (let i = 0; i < 20; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
    t.clock.advance(999);
    await settle();
    expect(loads()).toBe(1);
    t.clock.advance(1);
    await settle();
    expect(loads()).toBe(2);
    expect(seen.at(-1)?.tasks).toBe(20);

    // Quiet afterwards: no reload without an event.
    t.clock.advance(10_000);
    await settle();
    expect(loads()).toBe(2);
  });

  it('ignores log lines, which change nothing the tray shows', async () => {
    const t = await start();
    const { api, loads } = countingApi(t);
    let listener: Parameters<RuntimeApi['subscribe']>[0] = () => undefined;
    const feed = createTrayFeed({
      api: { call: api.call, subscribe: (l) => ((listener = l), () => undefined) },
      clock: t.clock,
      onSummary: () => undefined,
      onError: () => undefined,
    });
    feeds.push(feed);
    t.clock.advance(0);
    await settle();
    listener({ event: 'run:log', data: { runId: 'r', lines: [] } });
    t.clock.advance(5_000);
    await settle();
    expect(loads()).toBe(1);
  });

  it('stops reloading once stopped', async () => {
    const t = await start();
    const { api, loads } = countingApi(t);
    const feed = createTrayFeed({ api, clock: t.clock, onSummary: () => undefined, onError: () => undefined });
    feed.stop();
    await t.runtime.api.call('tasks.create', { title: 'Late' });
    t.clock.advance(5_000);
    await settle();
    expect(loads()).toBe(0);
  });
});
