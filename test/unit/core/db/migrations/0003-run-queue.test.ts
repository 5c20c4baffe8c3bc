import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0003 (run queue)', () => {
  it('keeps every run, starting each with no waiting or blocked reason, not cancelled, not interrupted', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 2);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Daily', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'queued', 5), ('r2', 't1', 'manual', 6, 'running', 6)`,
    ).run();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(
      db
        .prepare(
          'SELECT id, status, waiting_reason, blocked_reason, cancel_requested, interrupted FROM runs ORDER BY id',
        )
        .all(),
    ).toEqual([
      { id: 'r1', status: 'queued', waiting_reason: null, blocked_reason: null, cancel_requested: 0, interrupted: 0 },
      { id: 'r2', status: 'running', waiting_reason: null, blocked_reason: null, cancel_requested: 0, interrupted: 0 },
    ]);
    expect(() => db.prepare(`UPDATE runs SET cancel_requested = 2 WHERE id = 'r1'`).run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare(`UPDATE runs SET interrupted = 'yes' WHERE id = 'r1'`).run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'`)
      .pluck()
      .all();
    expect(indexes).toContain('runs_running');
  });
});
