// Fills a data directory for the scale scenario, straight into the SQLite file (creating 100,000
// runs through the queue would take hours), in the shapes the runtime writes: tasks of every
// schedule kind in 12 time zones, each with a distinct expression, and finished runs.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../src-main/core/db/open';
import { newId, newTaskId } from '../../../src-main/core/lib/ids';

/** The task whose runs the scale scenario lists and reads. */
export const SAMPLE_TASK = 42;

export const ZONES = [
  'America/Denver',
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

/** Task i's schedule: 70% cron, 15% RRULE, 10% interval, 5% once, each expression its own. */
function schedule(i: number, dueAt: number): { kind: string; expr: string } {
  const slot = i % 20;
  if (slot < 14)
    return { kind: 'cron', expr: `${i % 60} ${Math.floor(i / 60) % 24} ${1 + (Math.floor(i / 1440) % 28)} * *` };
  if (slot < 17) return { kind: 'rrule', expr: `FREQ=DAILY;BYHOUR=${i % 24};BYMINUTE=${Math.floor(i / 24) % 60}` };
  if (slot < 19) return { kind: 'interval', expr: `every ${60 + (i % 600)}m` };
  return { kind: 'once', expr: new Date(dueAt).toISOString() };
}

/** What fillScaleData made: the tasks' ids in the order they were made, and one of their runs. */
export interface ScaleData {
  taskIds: string[];
  sampleRunId: string;
}

/**
 * `tasks` tasks with `runsPerTask` finished runs each, due far ahead until setDue says when. Their
 * pipeline has no steps, so a fired run ends at once. Ids are the runtime's own (random for tasks,
 * time-ordered for runs), and the runs are written day by day across all tasks with every index
 * kept up to date row by row, as a host that has run for a month wrote them: an index built at
 * once from sorted rows fills its pages to 99%, so that nearly every run a burst adds to a task
 * would split a page; grown one row at a time, the runs-by-task index is about 89% full.
 */
export function fillScaleData(
  dataDir: string,
  options: { tasks: number; runsPerTask: number; now: number },
): ScaleData {
  const { tasks, runsPerTask, now } = options;
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('synchronous = OFF');
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, title, description, task_type, priority, pipeline, schedule_kind, schedule_expr,
       schedule_timezone, next_run_at, created_at, updated_at)
     VALUES (?, ?, ?, 'general', ?, '{"steps":[]}', ?, ?, ?, ?, ?, ?)`,
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at, finished_at, cost_usd,
       input_tokens, output_tokens)
     VALUES (?, ?, 'schedule', ?, ?, ?, ?, ?, ?, 300, 120)`,
  );
  const created = now - 30 * 86_400_000;
  const later = now + 86_400_000;
  const taskIds = Array.from({ length: tasks }, () => newTaskId());
  let sampleRunId = '';
  db.transaction(() => {
    taskIds.forEach((id, i) => {
      const { kind, expr } = schedule(i, later);
      insertTask.run(
        id,
        `Scale task ${i}`,
        `Task ${i} of the scale benchmark`,
        i % 4,
        kind,
        expr,
        ZONES[i % 12],
        later,
        created,
        created,
      );
    });
    for (let r = 0; r < runsPerTask; r++) {
      taskIds.forEach((taskId, i) => {
        const at = created + (r + 1) * 86_400_000 + i;
        const status = r % 17 === 3 ? 'failed' : 'succeeded';
        const id = newId();
        if (i === SAMPLE_TASK && r === Math.min(3, runsPerTask - 1)) sampleRunId = id;
        insertRun.run(id, taskId, at, status, at, at + 5, at + 900, 0.001 * (r % 5));
      });
    }
  })();
  db.close();
  return { taskIds, sampleRunId };
}

/**
 * Runs `write` in one transaction with the table's indexes and triggers set aside and made again
 * after it: building an index from all rows at once sorts them once, where keeping ten indexes up
 * to date row by row (and logging each ended run for the board) took minutes for 900,000 runs.
 */
function bulkLoad(db: Database.Database, table: string, write: () => void): void {
  const made = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
    )
    .all(table) as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.transaction(() => {
    for (const { type, name } of made) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
    write();
    for (const { sql } of made) db.exec(sql);
  })();
}

/**
 * Adds finished runs to the tasks, round robin, until the runs table holds `total` rows: finished
 * within the last 60 days, so the host's retention (90 days by default) keeps them all.
 */
export function addRunsUpTo(dataDir: string, options: { total: number; taskIds: string[]; now: number }): number {
  const { total, taskIds, now } = options;
  const db = new Database(join(dataDir, DATABASE_FILE));
  const have = db.prepare('SELECT count(*) FROM runs').pluck().get() as number;
  const insertRun = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at, finished_at)
     VALUES (?, ?, 'manual', ?, 'succeeded', ?, ?, ?)`,
  );
  const base = now - 60 * 86_400_000;
  const spacing = Math.floor((59 * 86_400_000) / Math.max(1, total - have));
  bulkLoad(db, 'runs', () => {
    for (let n = have; n < total; n++) {
      const task = taskIds[n % taskIds.length]!;
      const at = base + (n - have) * spacing;
      insertRun.run(newId(), task, at, at, at + 5, at + 700);
    }
  });
  db.close();
  return total - have;
}

/** Makes every task due at one of `bursts` instants from `firstDue`, `spacingMs` apart (task i in burst i % bursts). */
export function setDue(dataDir: string, options: { firstDue: number; bursts: number; spacingMs: number }): number[] {
  const { firstDue, bursts, spacingMs } = options;
  const db = new Database(join(dataDir, DATABASE_FILE));
  const ids = db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all() as string[];
  const setNext = db.prepare('UPDATE tasks SET next_run_at = ? WHERE id = ?');
  const setOnce = db.prepare(`UPDATE tasks SET schedule_expr = ? WHERE id = ? AND schedule_kind = 'once'`);
  db.transaction(() => {
    ids.forEach((id, i) => {
      const due = firstDue + (i % bursts) * spacingMs;
      setNext.run(due, id);
      setOnce.run(new Date(due).toISOString(), id);
    });
  })();
  db.close();
  return Array.from({ length: bursts }, (_, b) => firstDue + b * spacingMs);
}
