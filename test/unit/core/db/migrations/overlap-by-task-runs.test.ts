import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { OVERLAPPING_SQL } from '../../../../../src-main/core/db/repos/queue-sql';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'overlap-by-task-runs')!.version;

const indexesOfRuns = (db: Database.Database): string[] =>
  db.prepare(`SELECT name FROM pragma_index_list('runs') WHERE origin = 'c' ORDER BY name`).pluck().all() as string[];

describe('migration overlap-by-task-runs', () => {
  it('drops the index of queued scheduled runs; overlap protection reads the runs a busy task queued since its run started', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    expect(indexesOfRuns(db)).toContain('runs_scheduled_queued');
    migrate(db, version);
    expect(indexesOfRuns(db)).not.toContain('runs_scheduled_queued');
    db.exec(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Hourly', 1, 1)`);
    // r1 runs since 10,000; r2 came due after it started, r3 before (a catch-up's backlog), r4 by hand.
    db.exec(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at) VALUES
         ('r1', 't1', 'schedule', 9000, 'running', 9000, 10000),
         ('r2', 't1', 'schedule', 12000, 'queued', 12000, NULL),
         ('r3', 't1', 'catch_up', 8000, 'queued', 11000, NULL),
         ('r4', 't1', 'manual', 13000, 'queued', 13000, NULL),
         ('r0', 't1', 'schedule', 1000, 'succeeded', 1000, 1000)`,
    );
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${OVERLAPPING_SQL}`).all(20000) as Array<{ detail: string }>).map(
      (p) => p.detail,
    );
    expect(plan.join('\n')).toMatch(/SEARCH r USING INDEX runs_by_task \(task_id=\? AND queued_at>\?\)/);
    // The only walk is of the running runs (runs_running holds just those); no table is read whole.
    expect(plan.filter((step) => /^SCAN \w+$/.test(step))).toEqual([]);
    expect(db.prepare(OVERLAPPING_SQL).pluck().all(20000)).toEqual(['r2']);
    db.exec(`UPDATE runs SET status = 'succeeded' WHERE id = 'r1'`);
    expect(db.prepare(OVERLAPPING_SQL).pluck().all(20000)).toEqual([]);
  });
});
