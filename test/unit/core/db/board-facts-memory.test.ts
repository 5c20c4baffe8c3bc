// The board keeps every task's idle facts in memory between lists. At 10,000 tasks they were three
// objects per task, about 2.5 MB of heap that a single tasks.list left behind for good; a number
// per task stands for them.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createBoardFacts } from '../../../../src-main/core/db/repos/board-facts';
import { liveHeap } from '../../../helpers/live-heap';

const TASKS = 10_000;
const KINDS = ['cron', 'rrule', 'once', 'interval', 'manual'];
const ENDED = ['succeeded', 'failed', 'cancelled', 'timed_out'];

function boardOf(tasks: number) {
  const db = new Database(':memory:');
  migrate(db);
  const task = db.prepare(
    `INSERT INTO tasks (id, title, schedule_kind, next_run_at, paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)`,
  );
  const run = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, status, scheduled_for, queued_at, finished_at) VALUES (?, ?, 'manual', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < tasks; i++) {
      const id = `task-${String(i).padStart(5, '0')}-${'x'.repeat(24)}`;
      task.run(id, `Task ${i}`, KINDS[i % KINDS.length], i % 3 === 0 ? null : 1e12 + i, i % 7 === 0 ? 1 : 0);
      if (i % 4 !== 0) run.run(`run-${i}`, id, ENDED[i % ENDED.length], i, i, i + 1);
    }
  })();
  return { db, facts: createBoardFacts(db) };
}

describe('the board facts kept for 10,000 tasks', () => {
  it('take under 1.5 MB of live heap', () => {
    const { db, facts } = boardOf(TASKS);
    const before = liveHeap();
    const placements = facts.placements(0);
    const kept = liveHeap() - before;
    expect([...placements.ids()]).toHaveLength(TASKS);
    expect(kept).toBeLessThan(1.5 * 1024 * 1024);
    db.close();
  });

  it('place every task as its facts say', () => {
    const { db, facts } = boardOf(40);
    const placements = facts.placements(0);
    const counts = placements.counts();
    // Every fourth task has no ended run (Scheduled); of the others, failed and timed out runs go to
    // Failed, a success of a one-off without a next run to Done, and the rest to Scheduled.
    expect(counts.failed).toBe(20);
    expect(placements.of('task-00001-xxxxxxxxxxxxxxxxxxxxxxxx')).toEqual({ column: 'failed', waitingReason: null });
    expect(placements.paused('task-00007-xxxxxxxxxxxxxxxxxxxxxxxx')).toBe(true);
    expect(placements.paused('task-00001-xxxxxxxxxxxxxxxxxxxxxxxx')).toBe(false);
    db.close();
  });
});
