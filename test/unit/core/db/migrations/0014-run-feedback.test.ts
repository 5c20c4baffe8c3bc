import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

function migratedWithRun(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, 13);
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'succeeded', 5)`,
  ).run();
  migrate(db, 14);
  return db;
}

describe('migration 0014 (run feedback)', () => {
  it('keeps existing runs and adds empty assessments and ratings', () => {
    const db = migratedWithRun();
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare(`SELECT id, status FROM runs`).get()).toEqual({ id: 'r1', status: 'succeeded' });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM run_assessments`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ratings`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps one rating per run and one per task, refuses scores outside 1-5, and drops them with the task', () => {
    const db = migratedWithRun();
    const rate = db.prepare(
      `INSERT INTO ratings (id, task_id, run_id, quality, timeliness, created_at, updated_at) VALUES (?, 't1', ?, ?, 3, 1, 1)`,
    );
    rate.run('a', 'r1', 4);
    rate.run('b', null, 5);
    expect(() => rate.run('c', 'r1', 2)).toThrow(/UNIQUE constraint failed/);
    expect(() => rate.run('d', null, 2)).toThrow(/UNIQUE constraint failed/);
    expect(() => rate.run('e', 'r1', 6)).toThrow(/CHECK constraint failed/);
    db.prepare(`INSERT INTO run_assessments (run_id, criteria, assessed_at) VALUES ('r1', '[]', 9)`).run();
    expect(() =>
      db.prepare(`INSERT INTO run_assessments (run_id, criteria, assessed_at) VALUES ('r1', '{}', 9)`).run(),
    ).toThrow();
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    expect(
      db.prepare(`SELECT (SELECT COUNT(*) FROM ratings) + (SELECT COUNT(*) FROM run_assessments) AS n`).get(),
    ).toEqual({
      n: 0,
    });
    db.close();
  });
});
