// The step_processes table: the process groups running steps wait on, so that recovery after a
// crash can stop what a dead host's steps left running (queue/leftover-processes.ts).
import type { Database } from 'better-sqlite3';
import type { Redactor } from '../../lib/redact';

/** An argv can carry a whole agent prompt; the row keeps enough of it to recognise the command. */
const COMMAND_CHARS = 500;

export interface StepProcess {
  id: number;
  runId: string;
  stepId: string;
  pid: number;
  pgid: number;
  /** The process start time as the OS reports it (tools/process-identity.ts). */
  started: string;
  command: string;
  recordedAt: number;
}

export type NewStepProcess = Omit<StepProcess, 'id'>;

/** `redactor` masks secrets in the command before it is cut and stored. */
export function createStepProcessesRepo(db: Database, redactor: Redactor) {
  const insertStmt = db.prepare(
    `INSERT INTO step_processes (run_id, step_id, pid, pgid, started, command, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const removeStmt = db.prepare('DELETE FROM step_processes WHERE id = ?');
  const listStmt = db.prepare<[], StepProcess>(
    `SELECT id, run_id AS runId, step_id AS stepId, pid, pgid, started, command, recorded_at AS recordedAt
     FROM step_processes ORDER BY id`,
  );
  const anyStmt = db.prepare('SELECT EXISTS (SELECT 1 FROM step_processes)');
  return {
    /** Returns the row's id, for remove(). */
    insert(row: NewStepProcess): number {
      const command = redactor.head(row.command, COMMAND_CHARS);
      return Number(
        insertStmt.run(row.runId, row.stepId, row.pid, row.pgid, row.started, command, row.recordedAt).lastInsertRowid,
      );
    },
    remove(id: number): void {
      removeStmt.run(id);
    },
    list: (): StepProcess[] => listStmt.all(),
    any: (): boolean => (anyStmt.pluck().get() as number) === 1,
  };
}
