import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0011 (run conditions)', () => {
  it('gives existing tasks no conditions and existing runs no condition reason, keeping their data', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 10);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at)
       VALUES ('r1', 't1', 'manual', 5, 'queued', 5)`,
    ).run();
    migrate(db, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare(`SELECT title, conditions FROM tasks`).get()).toEqual({ title: 'Nightly', conditions: '{}' });
    expect(db.prepare(`SELECT status, condition_reason FROM runs`).get()).toEqual({
      status: 'queued',
      condition_reason: null,
    });
    db.close();
  });

  it('refuses conditions that are not a JSON object', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 11);
    const insert = db.prepare(
      `INSERT INTO tasks (id, title, conditions, created_at, updated_at) VALUES (?, 'T', ?, 1, 1)`,
    );
    insert.run('ok', '{"acPower":true}');
    expect(() => insert.run('list', '[true]')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('broken', '{acPower')).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
