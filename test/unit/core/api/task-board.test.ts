// tasks.list as the board reads it: each task's column from its runs (rows written straight into the
// real database file, as the queue would leave them), true counts per column, and the view's filters.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import type { CallInput } from '../../../../src-main/core/api/contract';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

interface RunRow {
  taskId: string;
  status: string;
  cost?: number;
  waitingReason?: string;
}

function writeRuns(dataDir: string, runs: RunRow[], now: number): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  const insert = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at, cost_usd, waiting_reason)
     VALUES (?, ?, 'manual', ?, ?, ?, ?, ?, ?)`,
  );
  runs.forEach((r, i) => {
    const at = now - (runs.length - i) * 1000;
    const ended = ['succeeded', 'failed', 'cancelled', 'timed_out'].includes(r.status);
    insert.run(`run-${i}`, r.taskId, at, r.status, at, ended ? at + 500 : null, r.cost ?? 0, r.waitingReason ?? null);
  });
  db.close();
}

async function boardOf(input: CallInput<'tasks.list'> = {}) {
  const page = await t.runtime.api.call('tasks.list', input);
  return { page, columns: Object.fromEntries(page.items.map((task) => [task.title, task.column])) };
}

describe('tasks.list on the board', () => {
  it('places each task in the column its runs say, with the waiting reason and true counts', async () => {
    t = await startedTestRuntime();
    const make = (title: string, extra: Partial<CallInput<'tasks.create'>> = {}) =>
      t.runtime.api.call('tasks.create', { title, ...extra });
    const hourly = { kind: 'cron' as const, expr: '0 * * * *' };
    await make('Nightly', { schedule: hourly });
    const daily = await make('Daily report', { schedule: hourly, status: 'complete' });
    const oneOff = await make('One-off');
    const flaky = await make('Flaky');
    const deploy = await make('Deploy', { status: 'pending' });
    const review = await make('Review');
    const downstream = await make('Downstream');
    writeRuns(
      t.dataDir,
      [
        { taskId: daily.id, status: 'failed' },
        { taskId: daily.id, status: 'succeeded', cost: 0.25 },
        { taskId: oneOff.id, status: 'succeeded', cost: 0.5 },
        { taskId: flaky.id, status: 'succeeded' },
        { taskId: flaky.id, status: 'failed', cost: 0.125 },
        { taskId: deploy.id, status: 'running' },
        { taskId: review.id, status: 'awaiting_approval' },
        { taskId: downstream.id, status: 'queued', waitingReason: 'Waiting for Nightly to succeed' },
      ],
      t.clock.now(),
    );

    const { page, columns } = await boardOf({ perColumn: 50 });
    expect(columns).toEqual({
      Nightly: 'scheduled',
      'Daily report': 'scheduled',
      'One-off': 'done',
      Flaky: 'failed',
      Deploy: 'running',
      Review: 'attention',
      Downstream: 'waiting',
    });
    expect(page.columns).toEqual({ scheduled: 2, waiting: 1, running: 1, attention: 1, failed: 1, done: 1 });
    const byTitle = new Map(page.items.map((task) => [task.title, task]));
    expect(byTitle.get('Downstream')!.waitingReason).toBe('Waiting for Nightly to succeed');
    expect(byTitle.get('Flaky')!.lastRun).toMatchObject({ status: 'failed', costUsd: 0.125 });
    expect(byTitle.get('Nightly')!.lastRun).toBeNull();
    expect(byTitle.get('Nightly')!.scheduleText).toMatch(/^At \d+ minutes past the hour|every hour/i);
  });

  it('counts every task, not the page, and filters by column, failures, priority, type and project', async () => {
    t = await startedTestRuntime();
    const project = await t.runtime.api.call('projects.create', { name: 'Lighthouse' });
    for (let i = 0; i < 30; i++) await t.runtime.api.call('tasks.create', { title: `Chore ${i}` });
    const failing = await t.runtime.api.call('tasks.create', {
      title: 'Index rebuild',
      priority: 'urgent',
      taskType: 'maintenance',
      projectId: project.id,
    });
    writeRuns(t.dataDir, [{ taskId: failing.id, status: 'failed' }], t.clock.now());

    const small = await t.runtime.api.call('tasks.list', { limit: 5 });
    expect(small.items).toHaveLength(5);
    expect(small.columns).toMatchObject({ scheduled: 30, failed: 1 });
    expect(small.total).toBe(31);

    const titles = async (input: CallInput<'tasks.list'>) =>
      (await t.runtime.api.call('tasks.list', input)).items.map((task) => task.title);
    expect(await titles({ column: ['failed'] })).toEqual(['Index rebuild']);
    expect(await titles({ hasFailures: true })).toEqual(['Index rebuild']);
    expect(await titles({ priority: ['urgent', 'high'] })).toEqual(['Index rebuild']);
    expect(await titles({ search: 'lighthouse' })).toEqual(['Index rebuild']);
    expect(await titles({ search: 'MAINTEN' })).toEqual(['Index rebuild']);
    expect((await t.runtime.api.call('tasks.list', { perColumn: 3 })).items).toHaveLength(4);
    const searched = await t.runtime.api.call('tasks.list', { search: 'Chore 1' });
    expect(searched.columns).toMatchObject({ scheduled: 11, failed: 0 });
  });

  it('draws the dependency graph, marking the edge whose dependency holds a waiting run', async () => {
    t = await startedTestRuntime();
    const build = await t.runtime.api.call('tasks.create', { title: 'Build' });
    const lint = await t.runtime.api.call('tasks.create', { title: 'Lint' });
    const deploy = await t.runtime.api.call('tasks.create', { title: 'Deploy', dependsOn: [build.id, lint.id] });
    await t.runtime.api.call('tasks.create', { title: 'Alone' });
    writeRuns(
      t.dataDir,
      [
        { taskId: build.id, status: 'running' },
        { taskId: lint.id, status: 'succeeded' },
        { taskId: deploy.id, status: 'queued', waitingReason: 'Waiting for "Build" to succeed' },
      ],
      t.clock.now(),
    );
    const graph = await t.runtime.api.call('tasks.graph', {});
    expect(graph.nodes.map((n) => [n.title, n.column]).sort()).toEqual([
      ['Build', 'running'],
      ['Deploy', 'waiting'],
      ['Lint', 'done'],
    ]);
    expect(graph.edges).toEqual([
      { from: build.id, to: deploy.id, holding: true },
      { from: lint.id, to: deploy.id, holding: false },
    ]);
  });
});
