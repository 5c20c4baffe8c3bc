import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'board-runs-by-rowid')!.version;

describe('migration board-runs-by-rowid', () => {
  it('drops the trigger run on every run insert, and keeps logging runs that end', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    const triggers = () =>
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'runs'`).pluck().all();
    expect(triggers()).toContain('board_changes_run_written_ended');
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(triggers()).not.toContain('board_changes_run_written_ended');
    expect(triggers()).toContain('board_changes_run_ended');

    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES (?, 't1', 'manual', 5, ?, 5)`,
    );
    insert.run('r1', 'queued');
    insert.run('r2', 'succeeded');
    const logged = () => db.prepare('SELECT task_id FROM board_changes ORDER BY seq').pluck().all();
    // The task's own insert is logged; neither run insert is.
    expect(logged()).toEqual(['t1']);
    db.prepare(`UPDATE runs SET status = 'failed' WHERE id = 'r1'`).run();
    expect(logged()).toEqual(['t1', 't1']);
  });
});
