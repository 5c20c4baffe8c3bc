// A page of tasks.list over the whole order reads just the rows it shows: an order without an index
// (created, priority, title, next run) used to sort every task for a page of 100, read row by row.
// Pages must still be the order's slices, whichever sort, offset and page size.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { createStore } from '../../../../src-main/core/store';
import { listBoardTasks, type TaskListQuery } from '../../../../src-main/core/queue/task-board';
import { makeTempDir } from '../../../helpers/temp-dir';
import { recordStatementsRun } from '../../../helpers/statements-run';

const sorts = ['updated', 'created', 'priority', 'title', 'next_run'] as const;

/** A store on a fresh file with seven tasks, and the SQL of every statement run once it is built. */
function boardWithTasks() {
  const db = new Database(join(makeTempDir(), 'board.db'));
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO tasks (id, title, priority, next_run_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const titles = ['Gamma', 'alpha', 'Delta', 'beta', 'Epsilon', 'zeta', 'Eta'];
  titles.forEach((title, i) =>
    insert.run(`t${i}`, title, i % 3, i % 2 ? null : 10_000 - i * 7, 100 + (i % 4), 200 - i),
  );
  const ran: string[] = [];
  recordStatementsRun(db, { add: (sql: string) => ran.push(sql) });
  const store = createStore(
    db,
    createEventBus((error) => {
      throw error;
    }),
    () => 1_000,
  );
  const list = (input: Partial<TaskListQuery>) =>
    listBoardTasks(
      { sort: 'updated', limit: 100, offset: 0, ...input },
      { store, now: 1_000, displayTimezone: 'America/Denver', atRiskMs: 3_600_000 },
    );
  return { list, ran };
}

describe('tasks.list pages of the whole order', () => {
  it.each(sorts)('reads only the first rows of the %s order for a page, never every task sorted', (sort) => {
    const { list, ran } = boardWithTasks();
    ran.length = 0;
    expect(list({ sort, limit: 3 }).items).toHaveLength(3);
    const orderReads = ran.filter((sql) => /^SELECT t\.id FROM tasks t ORDER BY/.test(sql));
    expect(orderReads).toHaveLength(1);
    expect(orderReads[0]).toMatch(/LIMIT \?$/);
  });

  it.each(sorts)('gives the %s order in slices at every offset and page size', (sort) => {
    const { list } = boardWithTasks();
    const whole = list({ sort }).items.map((card) => card.id);
    expect(whole).toHaveLength(7);
    for (const limit of [1, 3, 7, 8]) {
      for (let offset = 0; offset <= 8; offset += 1) {
        expect(list({ sort, limit, offset }).items.map((card) => card.id)).toEqual(whole.slice(offset, offset + limit));
      }
    }
  });

  it('still pages the board by column and by paused, past the rows read at once', () => {
    const { list } = boardWithTasks();
    const whole = list({ sort: 'title' }).items.map((card) => card.id);
    expect(list({ sort: 'title', column: ['scheduled'], limit: 2, offset: 1 }).items.map((c) => c.id)).toEqual(
      list({ sort: 'title', column: ['scheduled'] })
        .items.map((c) => c.id)
        .slice(1, 3),
    );
    expect(list({ sort: 'title', paused: false, limit: 5 }).items.map((c) => c.id)).toEqual(whole.slice(0, 5));
    expect(list({ sort: 'title', perColumn: 4 }).items.length).toBeGreaterThan(0);
  });
});
