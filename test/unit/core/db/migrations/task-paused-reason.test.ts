import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: the migration's number changes when migrations are renumbered at merge.
const version = migrations.find((m) => m.name === 'task-paused-reason')?.version ?? 0;

describe('migration task-paused-reason', () => {
  it('keeps existing tasks, paused or not, with no reason, and stores a reason given later', () => {
    expect(version).toBeGreaterThan(0);
    const db = new Database(join(makeTempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, paused, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1, 1)`).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare(`SELECT id, paused, paused_reason AS reason FROM tasks`).get()).toEqual({
      id: 't1',
      paused: 1,
      reason: null,
    });
    db.prepare(`UPDATE tasks SET paused_reason = 'needs a project' WHERE id = 't1'`).run();
    expect(db.prepare(`SELECT paused_reason FROM tasks`).pluck().get()).toBe('needs a project');
    db.close();
  });
});
