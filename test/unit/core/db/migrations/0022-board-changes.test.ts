import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'board-changes')!.version;

describe('migration board-changes', () => {
  it('logs the tasks whose board facts a write changes, and indexes the default task order and due order', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'queued', 5)`,
    ).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    const logged = () => db.prepare('SELECT task_id FROM board_changes ORDER BY seq').pluck().all();
    expect(logged()).toEqual([]);

    db.prepare(`UPDATE runs SET status = 'running' WHERE id = 'r1'`).run();
    db.prepare(`UPDATE tasks SET next_run_at = 100, updated_at = 2 WHERE id = 't1'`).run();
    db.prepare(`UPDATE tasks SET next_run_at = 200 WHERE id = 't1'`).run();
    // Neither a run starting nor a next run moving changes what places an idle task.
    expect(logged()).toEqual(['t1']);
    db.prepare(`UPDATE runs SET status = 'succeeded' WHERE id = 'r1'`).run();
    db.prepare(`UPDATE tasks SET paused = 1 WHERE id = 't1'`).run();
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    // The delete cascades to the run, which logs the task once more.
    expect(logged()).toEqual(['t1', 't1', 't1', 't1', 't1']);
    expect(db.prepare(`SELECT name FROM pragma_index_info('tasks_by_updated')`).pluck().all()).toEqual([
      'updated_at',
      'id',
    ]);
    expect(db.prepare(`SELECT name FROM pragma_index_info('tasks_due')`).pluck().all()).toEqual([
      'next_run_at',
      'priority',
    ]);
    db.close();
  });
});
