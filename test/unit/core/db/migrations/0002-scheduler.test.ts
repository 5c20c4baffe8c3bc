import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0002 (scheduler)', () => {
  it('keeps every task, gives each its next occurrence from next_run_at, and starts the scheduler unpaused', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 1);
    db.prepare(
      `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, next_run_at, created_at, updated_at) VALUES ('t1', 'Daily', 'cron', '0 7 * * *', 5000, 1, 1)`,
    ).run();
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t2', 'Manual', 1, 1)`).run();
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, next_run_at, next_occurrence_at FROM tasks ORDER BY id').all()).toEqual([
      { id: 't1', next_run_at: 5000, next_occurrence_at: 5000 },
      { id: 't2', next_run_at: null, next_occurrence_at: null },
    ]);
    expect(db.prepare('SELECT paused, heartbeat_at FROM scheduler_state').all()).toEqual([
      { paused: 0, heartbeat_at: null },
    ]);
    expect(() => db.prepare('INSERT INTO scheduler_state (id) VALUES (2)').run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE tasks SET next_occurrence_at = 'soon' WHERE id = 't1'`).run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
  });
});
