// The worker asks whether any queued run is held for its conditions on every tick, and the deadline
// watch looks for deadlines on every task change: with a full queue and no index, each of these
// reads walked every queued run or every task, once per run started or finished.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../../src-main/core/events/bus';
import { TASK_SELECT } from '../../../../../src-main/core/db/repos/task-columns';
import { createStore } from '../../../../../src-main/core/store';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'queue-hot-path-indexes')!.version;

/** The plan of every SELECT that `read` runs on a store over `db`. */
function plansOf(db: Database.Database, read: (store: ReturnType<typeof createStore>) => unknown): string[] {
  const store = createStore(
    db,
    createEventBus(() => undefined),
    () => 1_000,
  );
  // These repositories prepare their statements at first use, so what is prepared now is what ran.
  const ran: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    ran.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  read(store);
  db.prepare = prepare;
  return ran
    .filter((sql) => /^\s*SELECT/i.test(sql))
    .map((sql) => {
      const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.match(/\?/g) ?? []).map(() => 1));
      return (rows as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    });
}

describe('migration queue-hot-path-indexes', () => {
  it('keeps every run and task, and lets the per-run reads use an index instead of a scan', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(
      `INSERT INTO tasks (id, title, created_at, updated_at, deadline_at) VALUES ('t1', 'Nightly', 1, 1, 500)`,
    ).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, condition_reason)
       VALUES ('r1', 't1', 'manual', 5, 'queued', 5, 'Waiting for AC power'), ('r2', 't1', 'manual', 6, 'queued', 6, NULL)`,
    ).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual(['r1', 'r2']);
    // The store reads the schema as it is now, later migrations included.
    migrate(db);

    const plans = plansOf(db, (store) => {
      expect(store.conditionWaits.any()).toBe(true);
      expect(store.conditionWaits.list().map((w) => w.runId)).toEqual(['r1']);
      expect(store.deadlines.due(1_000, 0).map((d) => d.taskId)).toEqual(['t1']);
      store.deadlines.nextInstant(1_000, 3_600_000);
    });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const plan of plans) expect(plan).not.toMatch(/^SCAN (runs|tasks|r|t)$/m);
    expect(plans.join('\n')).toContain('runs_held_for_conditions');
    expect(plans.join('\n')).toContain('tasks_with_deadline');

    // A task read sums its finished runs' time from the index alone, not from each run's row.
    const taskRead = db.prepare(`EXPLAIN QUERY PLAN SELECT ${TASK_SELECT} FROM tasks WHERE id = ?`).all('t1');
    expect((taskRead as Array<{ detail: string }>).map((r) => r.detail)).toContain(
      'SEARCH r USING COVERING INDEX runs_time_by_task (task_id=? AND finished_at>?)',
    );
    db.close();
  });
});
