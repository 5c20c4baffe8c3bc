import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { createRunsRepo } from '../../../../../src-main/core/db/repos/runs-repo';
import { LEASE_CANDIDATE_SQL } from '../../../../../src-main/core/db/repos/queue-sql';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'queue-order-index')!.version;

const planOf = (db: Database.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ now: 1 }) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('\n');

describe('migration queue-order-index', () => {
  it('finds the next run to lease in index order, without sorting the runs queued for one instant', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    expect(planOf(db, LEASE_CANDIDATE_SQL)).toMatch(/TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY/);
    migrate(db, version);
    expect(planOf(db, LEASE_CANDIDATE_SQL)).not.toMatch(/TEMP B-TREE/);

    const insertTask = db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)`);
    const insertRun = db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, priority, queued_at) VALUES (?, ?, 'schedule', 5000, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 300; i++) {
        insertTask.run(`t${i}`, `Task ${i}`);
        // All due at the same instant: the queue time and then the id decide among equal priorities.
        insertRun.run(`r${String(i).padStart(3, '0')}`, `t${i}`, i === 7 ? 2 : 1, 9000 - (i % 5));
      }
    })();
    const next = () => createRunsRepo(db).nextLeaseCandidate(6000)?.id;
    expect(next()).toBe('r007');
    db.prepare(`UPDATE runs SET status = 'running' WHERE id = 'r007'`).run();
    // Queued at 8996 (i % 5 = 4): r004 is the first of them by id.
    expect(next()).toBe('r004');
  });
});
