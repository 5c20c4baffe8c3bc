import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

const OVERLAP_ERROR = JSON.stringify({
  reason: 'skipped',
  error: 'skipped',
  signals: ['overlap_policy=skip'],
});

// A database at version 5, the last before 0007 on every branch (0006 changes only the tasks table).
function migratedTo5(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, 5);
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, error, cost_usd, interrupted)
     VALUES ('r1', 't1', 'schedule', 5, 'cancelled', 5, ?, 0, 0),
            ('r2', 't1', 'manual', 6, 'cancelled', 6, '{"reason":"cancelled by the user","signals":[]}', 0, 0),
            ('r3', 't1', 'schedule', 7, 'succeeded', 7, NULL, 0.25, 1)`,
  ).run(OVERLAP_ERROR);
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, attempt, retry_of, queued_at)
              VALUES ('r4', 't1', 'retry', 7, 2, 'r3', 8)`,
  ).run();
  db.prepare(
    `INSERT INTO checkpoints (checkpoint_uuid, global_sequence, task_id, run_id, step_index, step_name, created_at)
     VALUES ('c1', 1, 't1', 'r3', 0, 'draft', 1)`,
  ).run();
  db.prepare(`INSERT INTO run_logs (run_id, stream, message, logged_at) VALUES ('r3', 'stdout', 'hello', 1)`).run();
  db.prepare(
    `INSERT INTO approvals (id, run_id, task_id, question, created_at) VALUES ('a1', 'r3', 't1', 'Ok?', 1)`,
  ).run();
  return db;
}

const count = (db: Database.Database, table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('migration 0007 (skipped runs)', () => {
  it('keeps every run with its columns, and every checkpoint, log line and approval that points at one', () => {
    const db = migratedTo5();
    const before = db.prepare('SELECT * FROM runs ORDER BY id').all() as Record<string, unknown>[];
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    const after = db.prepare('SELECT * FROM runs ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map((r) => r.status)).toEqual(['skipped', 'cancelled', 'succeeded', 'queued']);
    expect(after.map((r) => ({ ...r, status: null }))).toEqual(before.map((r) => ({ ...r, status: null })));
    expect([count(db, 'checkpoints'), count(db, 'run_logs'), count(db, 'approvals')]).toEqual([1, 1, 1]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('accepts the skipped status, still refuses unknown ones, and keeps every check and reference', () => {
    const db = migratedTo5();
    migrate(db, 7);
    const insert = (id: string, status: string): void =>
      void db
        .prepare(
          `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES (?, 't1', 'manual', 9, ?, 9)`,
        )
        .run(id, status);
    expect(() => insert('r5', 'skipped')).not.toThrow();
    expect(() => insert('r6', 'ignored')).toThrow(/CHECK constraint failed/);
    // One first attempt per scheduled occurrence, as before.
    expect(() =>
      db
        .prepare(
          `INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES ('r7', 't1', 'catch_up', 5, 9)`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    // Deleting a run still takes its checkpoints, logs and approvals, and clears retry_of.
    db.prepare(`DELETE FROM runs WHERE id = 'r3'`).run();
    expect([count(db, 'checkpoints'), count(db, 'run_logs'), count(db, 'approvals')]).toEqual([0, 0, 0]);
    expect(db.prepare(`SELECT retry_of FROM runs WHERE id = 'r4'`).pluck().get()).toBeNull();
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'runs' AND sql IS NOT NULL ORDER BY name`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'runs_by_task',
      'runs_one_per_occurrence',
      'runs_queue',
      'runs_retry_due',
      'runs_running',
      'runs_scheduled_queued',
    ]);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'runs'`).pluck().get()).toMatch(/STRICT$/);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'runs_rebuilt'`).pluck().get()).toBe(0);
  });
});
