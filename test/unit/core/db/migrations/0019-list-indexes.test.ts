import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'list-indexes')!.version;

describe('migration list-indexes', () => {
  it('indexes the runs list order and retry chains, keeping every run', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at)
       VALUES ('r1', 't1', 'manual', 5, 'failed', 5)`,
    ).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, attempt, retry_of, queued_at)
       VALUES ('r2', 't1', 'retry', 9, 'queued', 2, 'r1', 9)`,
    ).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare(`SELECT id, retry_of AS retryOf FROM runs ORDER BY id`).all()).toEqual([
      { id: 'r1', retryOf: null },
      { id: 'r2', retryOf: 'r1' },
    ]);
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'`)
      .pluck()
      .all() as string[];
    expect(indexes).toEqual(
      expect.arrayContaining(['runs_by_queued', 'runs_by_status_queued', 'runs_by_task', 'runs_by_retry_of']),
    );
    const columns = db.prepare(`SELECT name FROM pragma_index_info('runs_by_task')`).pluck().all();
    expect(columns).toEqual(['task_id', 'queued_at', 'id']);
    db.close();
  });
});
