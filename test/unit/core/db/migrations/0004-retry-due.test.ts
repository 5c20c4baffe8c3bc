import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { NEXT_ATTEMPT_SQL } from '../../../../../src-main/core/db/repos/queue-sql';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0004 (retry due index)', () => {
  it('keeps every run and lets the next-retry query read the index instead of the queue', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 3);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, next_attempt_at)
       VALUES ('r1', 't1', 'manual', 5, 'queued', 5, NULL), ('r2', 't1', 'retry', 6, 'queued', 6, 900)`,
    ).run();
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual(['r1', 'r2']);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${NEXT_ATTEMPT_SQL}`).all(100) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(
      /SEARCH runs USING (COVERING )?INDEX runs_retry_due \(next_attempt_at>\?\)/,
    );
    expect(db.prepare(NEXT_ATTEMPT_SQL).pluck().get(100)).toBe(900);
    expect(db.prepare(NEXT_ATTEMPT_SQL).pluck().get(900)).toBeUndefined();
  });
});
