// tasks.list and runs.list answer with summaries (what a card or a row shows) and tasks.get and
// runs.get with the whole: a page of 100 tasks used to carry every pipeline, param and policy, about
// 1 KB a task, and a run row the whole of its error.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const bigPipeline = {
  params: { topic: { type: 'string', default: 'x'.repeat(300) } },
  steps: [
    { id: 'draft', uses: 'shell.exec', with: { argv: ['echo', `About \${params.topic}. ${'Be brief. '.repeat(40)}`] } },
    { id: 'pause', uses: 'wait', with: { ms: 2 } },
    { id: 'again', uses: 'wait', with: { ms: 1 } },
  ],
};

describe('lean lists', () => {
  it('lists tasks as card summaries and gives the whole task from tasks.get', async () => {
    t = await startedTestRuntime();
    const dep = await t.runtime.api.call('tasks.create', { title: 'Build' });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Nightly report',
      description: 'd'.repeat(2000),
      pipeline: bigPipeline,
      schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
      dependsOn: [dep.id],
    });
    await t.runtime.api.call('tasks.pause', { id: task.id });
    const page = await t.runtime.api.call('tasks.list', { search: 'Nightly' });
    const [card] = page.items;
    expect(card).toEqual({
      id: task.id,
      title: 'Nightly report',
      taskType: task.taskType,
      priority: task.priority,
      status: task.status,
      paused: true,
      schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
      nextRunAt: null,
      dependsOn: [dep.id],
      updatedAt: expect.any(String),
      tools: ['shell.exec', 'wait'],
      column: expect.any(String),
      waitingReason: null,
      scheduleText: expect.stringContaining('08:30'),
      lastRun: null,
      lastFiredAt: null,
      pausedReason: null,
      tags: [],
      deadline: null,
      deadlineState: null,
      estimatedHours: null,
      actualHours: null,
    });
    expect(JSON.stringify(card).length).toBeLessThan(700);
    const whole = await t.runtime.api.call('tasks.get', { id: task.id });
    expect(whole.description).toHaveLength(2000);
    expect(whole.pipeline.steps).toHaveLength(3);
  });

  it("shows a card's latest run, read with the page", async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Backup' });
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const insert = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at, cost_usd)
       VALUES (?, ?, 'manual', ?, ?, ?, ?, ?)`,
    );
    insert.run('old', task.id, 1_000, 'failed', 1_000, 1_500, 0.25);
    insert.run('new', task.id, 2_000, 'succeeded', 2_000, 2_500, 0.5);
    db.close();
    const [card] = (await t.runtime.api.call('tasks.list', {})).items;
    expect(card?.lastRun).toEqual({
      id: 'new',
      status: 'succeeded',
      costUsd: 0.5,
      finishedAt: '1970-01-01T00:00:02.500Z',
    });
  });

  it("lists runs without their scheduled instant and tokens, and shortens a long error's text", async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Flaky' });
    const error = { reason: 'step_failed', error: 'e'.repeat(5000), signals: ['exit code 1'] };
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at, error, input_tokens)
       VALUES ('r1', ?, 'manual', 1000, 'failed', 1000, 2000, ?, 40)`,
    ).run(task.id, JSON.stringify(error));
    db.close();
    const [row] = (await t.runtime.api.call('runs.list', { taskId: task.id })).items;
    expect(Object.keys(row!).sort()).toEqual(
      [
        'attempt',
        'costUsd',
        'error',
        'finishedAt',
        'id',
        'queuedAt',
        'startedAt',
        'status',
        'taskId',
        'trigger',
      ].sort(),
    );
    expect(row!.error!.reason).toBe('step_failed');
    expect(row!.error!.signals).toEqual(['exit code 1']);
    expect(row!.error!.error.length).toBeLessThanOrEqual(200);
    const details = await t.runtime.api.call('runs.get', { id: 'r1' });
    expect(details.run.error!.error).toHaveLength(5000);
    expect(details.run.inputTokens).toBe(40);
  });
});
