import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { createWakeRepo } from '../../../../../src-main/core/db/repos/wake-repo';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'wake-due-index')!.version;

describe('migration wake-due-index', () => {
  it('reads the next run to wake for from its own index, among thousands of tasks that do not wake', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version);
    const insert = db.prepare(
      `INSERT INTO tasks (id, title, next_run_at, wake_to_run, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`t${i}`, `Task ${i}`, 1_000 + i, 0);
      insert.run('w2', 'Wakes later', 9_000, 1);
      insert.run('w1', 'Wakes', 8_000, 1);
    })();
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'tasks_wake_due'`).pluck().get() as string;
    expect(sql).toContain('wake_to_run = 1');
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof db.prepare;
    expect(createWakeRepo(db).nextTarget()).toEqual({ taskId: 'w1', title: 'Wakes', nextRunAt: 8_000 });
    const plan = prepare(`EXPLAIN QUERY PLAN ${prepared.at(-1)!}`)
      .all()
      .map((row) => (row as { detail: string }).detail);
    expect(plan.join('\n')).toContain('tasks_wake_due');
  });
});
