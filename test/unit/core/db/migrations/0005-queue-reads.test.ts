import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { createCheckpointsRepo } from '../../../../../src-main/core/db/repos/checkpoints-repo';
import { makeTempDir } from '../../../../helpers/temp-dir';

const planOf = (db: Database.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join('\n');

function migratedTo4(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  migrate(db, 4);
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at)
     VALUES ('r1', 't1', 'schedule', 5, 'queued', 5), ('r2', 't1', 'manual', 6, 'running', 6),
            ('r3', 't1', 'catch_up', 7, 'succeeded', 7)`,
  ).run();
  return db;
}

describe('migration 0005 (queue reads)', () => {
  it('keeps every run and checkpoint, and reads a run checkpoints in sequence order without a sort', () => {
    const db = migratedTo4();
    const repo = createCheckpointsRepo(db);
    const first = repo.create(
      { uuid: 'c1', projectId: null, taskId: 't1', runId: 'r2', stepIndex: 0, stepName: 'a' },
      1,
    );
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual(['r1', 'r2', 'r3']);
    const plan = planOf(db, 'SELECT * FROM checkpoints WHERE run_id = ? ORDER BY global_sequence', 'r2');
    expect(plan).toMatch(/SEARCH checkpoints USING INDEX checkpoints_by_run \(run_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const again = createCheckpointsRepo(db);
    const second = again.create(
      { uuid: 'c2', projectId: null, taskId: 't1', runId: 'r2', stepIndex: 0, stepName: 'a' },
      2,
    );
    const other = again.create(
      { uuid: 'c3', projectId: null, taskId: 't1', runId: 'r1', stepIndex: 0, stepName: 'a' },
      3,
    );
    expect([first.globalSequence, second.globalSequence, other.globalSequence]).toEqual([1, 2, 3]);
    expect(second.previousCheckpointId).toBe(first.id);
    expect(other.previousCheckpointId).toBeNull();
    expect(again.listForRun('r2').map((c) => c.checkpointUuid)).toEqual(['c1', 'c2']);
  });

  it('indexes only the queued scheduled runs, for overlap protection', () => {
    const db = migratedTo4();
    migrate(db, 5);
    const plan = planOf(
      db,
      `SELECT id FROM runs INDEXED BY runs_scheduled_queued WHERE task_id = ? AND status = 'queued'
       AND trigger IN ('schedule', 'catch_up')`,
      't1',
    );
    expect(plan).toMatch(/SEARCH runs USING INDEX runs_scheduled_queued \(task_id=\?\)/);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM runs INDEXED BY runs_scheduled_queued WHERE status = 'queued' AND trigger IN ('schedule', 'catch_up')`,
        )
        .pluck()
        .get(),
    ).toBe(1);
  });
});
