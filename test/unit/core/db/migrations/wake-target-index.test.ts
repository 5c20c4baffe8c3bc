import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { createWakeRepo } from '../../../../../src-main/core/db/repos/wake-repo';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'wake-target-index')!.version;

describe('migration wake-target-index', () => {
  it('keeps the tasks that wake the computer, and the next one to wake for is read from them', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    const insert = db.prepare(
      `INSERT INTO tasks (id, title, wake_to_run, paused, next_run_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, 1)`,
    );
    insert.run('plain', 'Plain', 0, 0, 100);
    insert.run('paused', 'Paused', 1, 1, 200);
    insert.run('later', 'Later', 1, 0, 400);
    insert.run('sooner', 'Sooner', 1, 0, 300);
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare(`SELECT name FROM pragma_index_info('tasks_wake_due')`).pluck().all()).toEqual([
      'next_run_at',
      'id',
    ]);
    expect(createWakeRepo(db).nextTarget()).toEqual({ taskId: 'sooner', title: 'Sooner', nextRunAt: 300 });
    db.close();
  });
});
