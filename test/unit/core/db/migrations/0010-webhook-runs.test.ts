import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// A database at the last version before 0010, with a run of every kind that points
// at other tables.
function migratedToBefore(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, 9);
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, error, cost_usd, params, finished_at)
     VALUES ('r1', 't1', 'schedule', 5, 'skipped', 5, '{"reason":"skipped","error":"skipped","signals":[]}', 0, '{}', 6),
            ('r2', 't1', 'agent', 6, 'succeeded', 6, NULL, 0.25, '{"repo":"ridgeline"}', 7)`,
  ).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, attempt, retry_of, queued_at)
              VALUES ('r3', 't1', 'retry', 7, 2, 'r2', 8)`,
  ).run();
  db.prepare(
    `INSERT INTO checkpoints (checkpoint_uuid, global_sequence, task_id, run_id, step_index, step_name, created_at)
     VALUES ('c1', 1, 't1', 'r2', 0, 'draft', 1)`,
  ).run();
  db.prepare(`INSERT INTO run_logs (run_id, stream, message, logged_at) VALUES ('r2', 'stdout', 'hello', 1)`).run();
  db.prepare(
    `INSERT INTO approvals (id, run_id, task_id, question, created_at) VALUES ('a1', 'r2', 't1', 'Ok?', 1)`,
  ).run();
  return db;
}

const count = (db: Database.Database, table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const insertRun = (db: Database.Database, id: string, trigger: string): void =>
  void db
    .prepare(`INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES (?, 't1', ?, 9, 9)`)
    .run(id, trigger);

describe('migration 0010 (webhook runs)', () => {
  it('refuses the webhook trigger before it', () => {
    const db = migratedToBefore();
    expect(() => insertRun(db, 'r9', 'webhook')).toThrow(/CHECK constraint failed/);
  });

  it('keeps every run with its columns, and every checkpoint, log line and approval that points at one', () => {
    const db = migratedToBefore();
    const before = db.prepare('SELECT * FROM runs ORDER BY id').all();
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT * FROM runs ORDER BY id').all()).toEqual(before);
    expect([count(db, 'checkpoints'), count(db, 'run_logs'), count(db, 'approvals')]).toEqual([1, 1, 1]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('accepts the webhook trigger, still refuses unknown ones, and keeps every check, index and reference', () => {
    const db = migratedToBefore();
    const indexesBefore = db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'runs' ORDER BY name`)
      .all();
    migrate(db, 10);
    expect(() => insertRun(db, 'r5', 'webhook')).not.toThrow();
    expect(() => insertRun(db, 'r6', 'email')).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES ('r7', 't1', 'schedule', 5, 9)`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    db.prepare(`DELETE FROM runs WHERE id = 'r2'`).run();
    expect([count(db, 'checkpoints'), count(db, 'run_logs'), count(db, 'approvals')]).toEqual([0, 0, 0]);
    expect(db.prepare(`SELECT retry_of FROM runs WHERE id = 'r3'`).pluck().get()).toBeNull();
    const indexesAfter = db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'runs' ORDER BY name`)
      .all();
    expect(indexesAfter).toEqual(indexesBefore);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'runs'`).pluck().get()).toMatch(/STRICT$/);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'runs_rebuilt'`).pluck().get()).toBe(0);
  });
});
