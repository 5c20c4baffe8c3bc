// Fills a data directory with the board scenario's tasks and runs, written straight into the SQLite
// file in one transaction (creating 100,000 runs through the queue would take hours), in the shapes
// the runtime writes. Every run is over or waits for the user, so the host has nothing to execute.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../src-main/core/db/open';

const WORDS = ['nightly', 'report', 'backup', 'invoice', 'deploy', 'digest', 'sync', 'audit', 'index', 'review'];
const TYPES = ['general', 'coding', 'research', 'ops', 'writing'];

export interface BoardData {
  tasks: number;
  runsPerTask: number;
  /** Counts the board should show per column. */
  expected: { scheduled: number; attention: number; failed: number; done: number };
}

/** Task i's fate: 1 in 10 failed last, 1 in 10 a manual task done, 1 in 20 awaiting approval. */
function fate(i: number): 'failed' | 'done' | 'attention' | 'scheduled' {
  if (i % 10 === 0) return 'failed';
  if (i % 10 === 1) return 'done';
  if (i % 20 === 2) return 'attention';
  return 'scheduled';
}

export function fillBoardData(dataDir: string, tasks: number, runsPerTask: number, now: number): BoardData {
  const db = new Database(join(dataDir, DATABASE_FILE));
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, title, description, task_type, priority, schedule_kind, schedule_expr, next_run_at,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at, finished_at, cost_usd,
       input_tokens, output_tokens)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const expected = { scheduled: 0, attention: 0, failed: 0, done: 0 };
  db.transaction(() => {
    for (let i = 0; i < tasks; i++) {
      const id = `bench-task-${String(i).padStart(5, '0')}`;
      const f = fate(i);
      expected[f] += 1;
      const manual = f === 'done';
      const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`;
      const updated = now - i * 1000;
      insertTask.run(
        id,
        title,
        `Task ${i} of the board benchmark`,
        TYPES[i % TYPES.length],
        i % 4,
        manual ? 'manual' : 'cron',
        manual ? null : `${i % 60} ${i % 24} * * *`,
        manual ? null : now + 3600_000 + (i % 1440) * 60_000,
        updated,
        updated,
      );
      for (let r = 0; r < runsPerTask; r++) {
        const last = r === runsPerTask - 1;
        const at = now - (runsPerTask - r) * 3600_000 - i;
        const status = !last
          ? 'succeeded'
          : f === 'failed'
            ? 'failed'
            : f === 'attention'
              ? 'awaiting_approval'
              : 'succeeded';
        const ended = status !== 'awaiting_approval';
        insertRun.run(
          `${id}-run-${r}`,
          id,
          manual ? 'manual' : 'schedule',
          at,
          status,
          at,
          at,
          ended ? at + 2000 : null,
          0.002 * ((i + r) % 7),
          300,
          120,
        );
      }
    }
  })();
  db.close();
  return { tasks, runsPerTask, expected };
}
