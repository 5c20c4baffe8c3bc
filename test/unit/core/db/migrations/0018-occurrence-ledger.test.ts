import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches merge.
const version = migrations.find((m) => m.name === 'occurrence-ledger')!.version;

describe('migration occurrence-ledger', () => {
  it('adds an empty ledger beside existing tasks and runs, which keep their data', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'schedule', 5, 'queued', 5)`,
    ).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT id, title FROM tasks').all()).toEqual([{ id: 't1', title: 'Nightly' }]);
    expect(db.prepare('SELECT count(*) FROM occurrences').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps one outcome per occurrence, refuses unknown outcomes and causes, and follows its task and run', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, version);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'schedule', 5, 'queued', 5)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, run_id, recorded_at) VALUES ('t1', ?, ?, ?, ?, 9)`,
    );
    insert.run(5, 'fired', null, 'r1');
    expect(() => insert.run(5, 'missed', 'asleep', null)).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run(6, 'lost', null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(6, 'missed', 'bored', null)).toThrow(/CHECK constraint failed/);
    db.prepare(`DELETE FROM runs WHERE id = 'r1'`).run();
    expect(db.prepare('SELECT outcome, run_id FROM occurrences').get()).toEqual({ outcome: 'fired', run_id: null });
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    expect(db.prepare('SELECT count(*) FROM occurrences').pluck().get()).toBe(0);
    db.close();
  });
});
