import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

function migratedTo5(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  migrate(db, 5);
  db.prepare(
    `INSERT INTO tasks (id, title, pipeline, created_at, updated_at)
     VALUES ('t1', 'Nightly', '{"params":{"repo":{"type":"string"}},"steps":[]}', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, params)
     VALUES ('r1', 't1', 'manual', 5, 'succeeded', 5, '{"repo":"ridgeline"}')`,
  ).run();
  return db;
}

describe('migration 0006 (task params)', () => {
  it('gives every existing task no stored params and keeps its runs and their params', () => {
    const db = migratedTo5();
    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    // Read with SQL, not the tasks repository: the repository reads columns later migrations add.
    expect(db.prepare(`SELECT title, params FROM tasks WHERE id = 't1'`).get()).toEqual({
      title: 'Nightly',
      params: '{}',
    });
    expect(db.prepare('SELECT params FROM runs').pluck().all()).toEqual(['{"repo":"ridgeline"}']);
  });

  it('stores a task params object and refuses anything but a JSON object', () => {
    const db = migratedTo5();
    migrate(db, 6);
    db.prepare(`UPDATE tasks SET params = '{"repo":"ridgeline"}' WHERE id = 't1'`).run();
    expect(JSON.parse(db.prepare(`SELECT params FROM tasks WHERE id = 't1'`).pluck().get() as string)).toEqual({
      repo: 'ridgeline',
    });
    for (const bad of ['not json', '["repo"]', '7']) {
      expect(() => db.prepare(`UPDATE tasks SET params = ? WHERE id = 't1'`).run(bad)).toThrow(/CHECK constraint/);
    }
  });
});
