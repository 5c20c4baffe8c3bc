import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { openOwnedStore } from '../../../../../src-main/core/db/open';
import { currentIdentity } from '../../../../../src-main/core/db/ownership';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0008 (retention)', () => {
  it('keeps every run, indexes finished runs and run events, and asks for INCREMENTAL auto_vacuum', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 7);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at)
       VALUES ('r1', 't1', 'manual', 5, 'succeeded', 5, 9), ('r2', 't1', 'manual', 6, 'queued', 6, NULL)`,
    ).run();
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual(['r1', 'r2']);
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT id FROM runs WHERE finished_at IS NOT NULL AND finished_at < 10 ORDER BY finished_at LIMIT 5',
        )
        .all() as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX runs_finished/);
    db.exec('VACUUM');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    db.close();
  });

  it('is in force on a database the runtime opens, old or new, after the one VACUUM at open', () => {
    const dataDir = makeTempDir();
    const old = new Database(join(dataDir, 'ridgeline.db'));
    migrate(old, 7);
    old.close();
    const opened = openOwnedStore(dataDir, currentIdentity('test'), 1, 'America/Denver');
    expect(opened.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    opened.db.close();
  });
});
