// The next run the computer should be woken for: the earliest of the tasks that ask for it.
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

export interface WakeTarget {
  taskId: string;
  title: string;
  /** When the run is due (ms since the epoch). */
  nextRunAt: number;
}

/** Paused tasks, and every task while the whole scheduler is paused, fire nothing to wake for. */
function nextWakeTarget(db: Database): WakeTarget | undefined {
  return statement<[], WakeTarget>(
    db,
    `SELECT id AS taskId, title, next_run_at AS nextRunAt FROM tasks
     WHERE wake_to_run = 1 AND paused = 0 AND next_run_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM scheduler_state WHERE id = 1 AND paused = 1)
     ORDER BY next_run_at, id LIMIT 1`,
  ).get();
}

export function createWakeRepo(db: Database) {
  return { nextTarget: (): WakeTarget | undefined => nextWakeTarget(db) };
}
