// The reads the board, the runs list, the CLI and failed-run notifications make must use an index:
// each statement the repositories prepare is captured and its EXPLAIN QUERY PLAN must neither read
// a big table whole (SCAN without an index) nor sort it (TEMP B-TREE for ORDER BY). Without the
// indexes of migration list-indexes, runs.list sorted every run and retry lookups read them all.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { createStore } from '../../../../src-main/core/store';
import { makeTempDir } from '../../../helpers/temp-dir';
import { recordStatementsRun } from '../../../helpers/statements-run';

type Store = ReturnType<typeof createStore>;

/** Runs `read` on a fresh store and returns the plan of every read statement it ran. */
function plansOf(read: (store: Store) => unknown): Array<{ sql: string; plan: string[] }> {
  const db = new Database(join(makeTempDir(), 'plans.db'));
  migrate(db);
  db.exec(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`);
  const ran = new Set<string>();
  const prepare = db.prepare.bind(db);
  recordStatementsRun(db, ran);
  const store = createStore(
    db,
    createEventBus((error) => {
      throw error;
    }),
    () => 1_000,
  );
  read(store);
  const plans = [...ran]
    .filter((sql) => /^\s*(WITH|SELECT)/i.test(sql))
    .map((sql) => {
      const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 1]));
      const positional = (sql.match(/\?/g) ?? []).map(() => 1);
      const stmt = prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = (Object.keys(named).length ? stmt.all(named) : stmt.all(...positional)) as Array<{
        detail: string;
      }>;
      return { sql, plan: rows.map((r) => r.detail) };
    });
  db.close();
  return plans;
}

const BIG_TABLES = ['runs', 'events', 'checkpoints', 'run_logs', 'api_usage'];

/** A sort of the rows (even of their ties), or a whole big table read by a statement that does not stop at a LIMIT. */
function badSteps(sql: string, plan: string[]): string[] {
  const stopsEarly = /\bLIMIT\b/i.test(sql);
  return plan.filter(
    (step) =>
      /TEMP B-TREE FOR (LAST TERM OF |RIGHT PART OF )?ORDER BY/.test(step) ||
      (!stopsEarly && BIG_TABLES.some((table) => new RegExp(`^SCAN ${table}( AS \\w+)?$`).test(step))),
  );
}

describe('reads of the run history use an index', () => {
  const page = { limit: 100, offset: 0 };
  const reads: Array<[string, (store: Store) => unknown]> = [
    ['runs.list of every run', (s) => s.runs.list(page)],
    ['runs.list of a task', (s) => s.runs.list({ ...page, taskId: 't1' })],
    ['runs.list of one status', (s) => s.runs.list({ ...page, status: ['failed'] })],
    ['runs.list of a task and a status', (s) => s.runs.list({ ...page, taskId: 't1', status: ['failed'] })],
    ['runs.list after a cursor', (s) => s.runs.list({ ...page, cursor: '5000:r1' })],
    ['runs.list by cursor of a task', (s) => s.runs.list({ ...page, taskId: 't1', cursor: '5000:r1' })],
    ['runs.list between two instants', (s) => s.runs.list({ ...page, fromMs: 1, toMs: 2 })],
    ['whether a run was retried', (s) => s.runs.hasRetry('r1')],
    ['the attempt after a run', (s) => s.runs.nextAttemptOf('r1')],
    ['the first attempt of a retry chain', (s) => s.dependencies.firstAttemptQueuedAt('r1')],
    ["a board card's latest run", (s) => s.taskBoard.latestRun('t1')],
    ['the board placing every task, twice', (s) => [s.taskBoard.placements(1_000), s.taskBoard.placements(2_000)]],
    ["the board's default order, a page's worth", (s) => [...s.taskBoard.idsInOrder('updated')].slice(0, 100)],
    ["a page's card summaries", (s) => s.taskBoard.summaries(['t1'])],
    ["scheduler.status's next task", (s) => s.scheduler.nextTask()],
    ['the next run to wake the computer for', (s) => s.wake.nextTarget()],
    ['the tasks due now, most urgent first', (s) => s.scheduler.dueTasks(1_000, 100)],
    ['the timeline', (s) => s.events.list({ unreadOnly: false, limit: 50 })],
    ["a task's timeline", (s) => s.events.list({ taskId: 't1', unreadOnly: false, limit: 50 })],
    ['the unread timeline', (s) => s.events.list({ unreadOnly: true, limit: 50 })],
    [
      "a task's occurrences, fired ones read from its runs",
      (s) => s.occurrences.list({ taskId: 't1', from: 1, to: 2 }, 50),
    ],
    ["a task's occurrences counted", (s) => s.occurrences.summary({ taskId: 't1', from: 1, to: 2 })],
    ["every task's occurrences counted", (s) => s.occurrences.overview(1, 2)],
  ];

  it.each(reads)('%s', (_name, read) => {
    const plans = plansOf(read);
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) {
      // A page's total counts the rows of the smallest fitting index; it never sorts.
      const isCount = /^\s*SELECT count\(\*\)/i.test(sql);
      const bad = isCount ? plan.filter((step) => step.includes('TEMP B-TREE')) : badSteps(sql, plan);
      expect(bad, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
