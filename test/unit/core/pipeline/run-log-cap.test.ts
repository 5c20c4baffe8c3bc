// A run's log stops at its cap, says how much it dropped, and counts what a resumed run already
// logged. Real SQLite file, fake clock.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { createRunLog } from '../../../../src-main/core/pipeline/run-log';
import { createStore } from '../../../../src-main/core/store';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';

function storeWithRun() {
  const db = new Database(join(makeTempDir(), 'log.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t', 'Chatty', 1, 1)`).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES ('r', 't', 'manual', 1, 1)`,
  ).run();
  const clock = new FakeClock();
  const store = createStore(
    db,
    createEventBus((error) => {
      throw error;
    }),
    () => clock.now(),
  );
  return { db, clock, store };
}

const messages = (db: Database.Database): string[] =>
  db.prepare(`SELECT message FROM run_logs WHERE run_id = 'r' ORDER BY id`).pluck().all() as string[];

describe('the run log cap', () => {
  it('keeps the first maxLines lines and ends the step with a marker saying how many were dropped', async () => {
    const { db, clock, store } = storeWithRun();
    const log = createRunLog(store, clock, 'r', { maxLines: 100, maxBytes: 1_000_000 });
    for (let i = 0; i < 250; i++) log.line('say', { stream: 'stdout', message: `line ${i}` });
    clock.advance(200);
    log.flush();
    await new Promise((done) => setImmediate(done));
    const lines = messages(db);
    expect(lines).toHaveLength(101);
    expect(lines[99]).toBe('line 99');
    expect(lines[100]).toMatch(/^\[log capped\] 150 lines \(\d+ KiB\) dropped: a run's log keeps at most 100 lines/);
  });

  it('counts bytes, and what the run logged before it resumed', async () => {
    const { db, clock, store } = storeWithRun();
    const first = createRunLog(store, clock, 'r', { maxLines: 1000, maxBytes: 10_000 });
    for (let i = 0; i < 6; i++) first.line('a', { stream: 'stdout', message: 'x'.repeat(1000) });
    first.flush();
    await new Promise((done) => setImmediate(done));
    const resumed = createRunLog(store, clock, 'r', { maxLines: 1000, maxBytes: 10_000 });
    for (let i = 0; i < 6; i++) resumed.line('b', { stream: 'stdout', message: 'y'.repeat(1000) });
    resumed.flush();
    await new Promise((done) => setImmediate(done));
    const lines = messages(db);
    expect(lines.filter((l) => l.startsWith('y'))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^\[log capped\] 2 lines \(2 KiB\) dropped/);
  });
});
