import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'occurrence-runs-by-time')!.version;

const columnsOf = (db: Database.Database): string[] =>
  (
    db.prepare(`SELECT name FROM pragma_index_info('runs_one_per_occurrence') ORDER BY seqno`).all() as Array<{
      name: string;
    }>
  ).map((c) => c.name);

describe('migration occurrence-runs-by-time', () => {
  it('keys one run per occurrence by its time first, and still refuses a second run of an occurrence', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    expect(columnsOf(db)).toEqual(['task_id', 'scheduled_for']);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Task', 1, 1)`).run();
    const insertRun = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, attempt, queued_at) VALUES (?, 't1', ?, 5000, ?, 1)
       ON CONFLICT DO NOTHING`,
    );
    insertRun.run('r1', 'schedule', 1);
    migrate(db, version);
    expect(columnsOf(db)).toEqual(['scheduled_for', 'task_id']);
    expect(insertRun.run('r2', 'catch_up', 1).changes).toBe(0);
    // A retry of the occurrence, or a run asked for by hand, is not held to it.
    expect(insertRun.run('r3', 'schedule', 2).changes).toBe(1);
    expect(insertRun.run('r4', 'manual', 1).changes).toBe(1);
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT scheduled_for FROM runs WHERE task_id = ? AND scheduled_for > ? AND scheduled_for <= ?
           AND trigger IN ('schedule', 'catch_up') AND attempt = 1`,
        )
        .all('t1', 0, 1) as Array<{ detail: string }>
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH runs USING INDEX runs_by_task \(task_id=\?\)/);
  });
});
