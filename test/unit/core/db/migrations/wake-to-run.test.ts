import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migration numbers are assigned when branches merge.
const version = migrations.find((m) => m.name === 'wake-to-run')!.version;

describe('migration wake-to-run', () => {
  it('leaves existing tasks not waking the computer, keeping their data', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare(`SELECT title, wake_to_run FROM tasks`).get()).toEqual({ title: 'Nightly', wake_to_run: 0 });
    db.close();
  });

  it('refuses a wake_to_run other than 0 or 1', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version);
    const insert = db.prepare(
      `INSERT INTO tasks (id, title, wake_to_run, created_at, updated_at) VALUES (?, 'T', ?, 1, 1)`,
    );
    insert.run('yes', 1);
    expect(() => insert.run('two', 2)).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
