// The board's kept placements (db/repos/board-facts.ts) must stay what a full read of every task
// and run gives, whatever wrote the change: the API, the queue, start-time recovery, retention
// pruning, a task's delete and its runs' cascade, or another connection writing the file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { createBoardFacts } from '../../../../src-main/core/db/repos/board-facts';
import { createRetentionRepo } from '../../../../src-main/core/db/repos/retention-repo';
import type { TaskPage } from '../../../../src-main/core/model/types';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

/** Every task's column and the counts as a fresh reader, which reads every task and run, places them. */
function fullRead(dataDir: string, now: number) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const placements = createBoardFacts(db).placements(now);
  const columns = Object.fromEntries([...placements.ids()].map((id) => [id, placements.of(id)!.column]));
  const counts = placements.counts();
  db.close();
  return { columns, counts };
}

function kept(page: TaskPage) {
  return { columns: Object.fromEntries(page.items.map((task) => [task.id, task.column])), counts: page.columns };
}

async function expectKeptIsTrue(): Promise<TaskPage> {
  const page = await t.runtime.api.call('tasks.list', { perColumn: 500 });
  expect(kept(page)).toEqual(fullRead(t.dataDir, t.clock.now()));
  return page;
}

describe('the board keeps each task’s placement true', () => {
  it('matches a full read after a mixed workload through every write path', async () => {
    t = await startedTestRuntime();
    const create = (title: string, schedule?: { kind: 'once'; expr: string }) =>
      t.runtime.api.call('tasks.create', { title, ...(schedule ? { schedule } : {}) });
    const manual = await create('Manual');
    const once = await create('Once', { kind: 'once', expr: new Date(t.clock.now() + 3_600_000).toISOString() });
    const doomed = await create('Doomed');
    const pruned = await create('Pruned');
    const recovered = await create('Recovered');
    await expectKeptIsTrue();

    // Another connection writes finished runs, as an import or the benchmark's fill does.
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const insert = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at, finished_at)
       VALUES (?, ?, 'manual', ?, ?, ?, ?, ?)`,
    );
    const write = (id: string, taskId: string, at: number, status: string, finishedAt = at + 10) =>
      insert.run(id, taskId, at, status, at, at, status === 'running' ? null : finishedAt);
    write('m1', manual.id, 1_000, 'succeeded');
    write('o1', once.id, 1_000, 'failed');
    write('d1', doomed.id, 1_000, 'failed');
    write('p-old', pruned.id, 1_000, 'succeeded', 9_000);
    write('p-new', pruned.id, 2_000, 'failed');
    let page = await expectKeptIsTrue();
    expect(kept(page).columns[manual.id]).toBe('done');
    expect(kept(page).columns[pruned.id]).toBe('failed');
    const hoursOf = (p: TaskPage, id: string) => p.items.find((task) => task.id === id)!.actualHours! * 3_600_000;
    expect(hoursOf(page, pruned.id)).toBeCloseTo(8_010);

    // The queue: a run queued now and cancelled; a task paused and resumed.
    const run = await t.runtime.api.call('tasks.runNow', { id: manual.id });
    await expectKeptIsTrue();
    await t.runtime.api.call('runs.cancel', { id: run.id });
    await t.runtime.api.call('tasks.pause', { id: once.id });
    page = await expectKeptIsTrue();
    // Its latest ended run is now the cancelled one, which places a task by its schedule.
    expect(kept(page).columns[manual.id]).toBe('scheduled');

    // Retention prunes a task's newest-ended run (its failure, which finished first), leaving its success.
    createRetentionRepo(db).pruneFinishedRuns(2_500, 10);
    page = await expectKeptIsTrue();
    expect(kept(page).columns[pruned.id]).toBe('done');
    // The summed time of its finished runs, kept once read, loses the pruned run's.
    expect(hoursOf(page, pruned.id)).toBeCloseTo(8_000);

    // A task's delete takes its runs with it.
    await t.runtime.api.call('tasks.delete', { id: doomed.id });
    page = await expectKeptIsTrue();
    expect(kept(page).columns[doomed.id]).toBeUndefined();

    // A run left running by a process that died is recovered when the runtime starts again.
    write('r1', recovered.id, 3_000, 'running');
    db.prepare(`UPDATE runs SET lease_owner = 'gone', lease_expires_at = 1 WHERE id = 'r1'`).run();
    db.close();
    await t.runtime.stop();
    t = await startedTestRuntime({ dataDir: t.dataDir, clock: t.clock });
    await t.runtime.api.call('tasks.list', {});
    page = await expectKeptIsTrue();
    expect(kept(page).columns[recovered.id]).not.toBe('running');
  });

  it('reads every task again when the change log was pruned past what it last saw', async () => {
    t = await startedTestRuntime();
    const quiet = await t.runtime.api.call('tasks.create', { title: 'Quiet' });
    const busy = await t.runtime.api.call('tasks.create', { title: 'Busy' });
    await expectKeptIsTrue();
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const insert = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES (?, ?, 'manual', ?, 'running', ?)`,
    );
    const fail = db.prepare(`UPDATE runs SET status = 'failed', finished_at = queued_at + 1 WHERE id = ?`);
    insert.run('q1', quiet.id, 1, 1);
    db.transaction(() => {
      for (let i = 0; i < 12_000; i++) insert.run(`b${i}`, busy.id, i, i);
    })();
    // The board has seen every run row: what follows reaches it through the change log only.
    await expectKeptIsTrue();
    // The quiet task's change, then more changes than the log keeps: the quiet one is gone from it.
    fail.run('q1');
    db.transaction(() => {
      for (let i = 0; i < 12_000; i++) fail.run(`b${i}`);
    })();
    expect(db.prepare('SELECT min(seq) FROM board_changes').pluck().get()).toBeGreaterThan(2);
    db.close();
    const page = await expectKeptIsTrue();
    expect(kept(page).columns[quiet.id]).toBe('failed');
  });

  it('lists paused or running tasks from the kept placements, with counts of only those', async () => {
    t = await startedTestRuntime();
    const [a, b, c] = [
      await t.runtime.api.call('tasks.create', { title: 'A' }),
      await t.runtime.api.call('tasks.create', { title: 'B' }),
      await t.runtime.api.call('tasks.create', { title: 'C' }),
    ];
    await t.runtime.api.call('tasks.pause', { id: b.id });
    const titles = (page: TaskPage) => page.items.map((task) => task.title).sort();
    const paused = await t.runtime.api.call('tasks.list', { paused: true });
    expect(titles(paused)).toEqual(['B']);
    expect(paused.total).toBe(1);
    expect(paused.columns.scheduled).toBe(1);
    const running = await t.runtime.api.call('tasks.list', { paused: false, limit: 1 });
    expect(running.items).toHaveLength(1);
    expect(running.total).toBe(2);
    expect(running.columns.scheduled).toBe(2);
    await t.runtime.api.call('tasks.resume', { id: b.id });
    await t.runtime.api.call('tasks.pause', { id: c.id });
    expect(titles(await t.runtime.api.call('tasks.list', { paused: true }))).toEqual(['C']);
    expect(titles(await t.runtime.api.call('tasks.list', { paused: false }))).toEqual([a.title, b.title]);
  });
});
