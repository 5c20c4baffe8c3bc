// What keeps the database from growing forever: finished runs past the retention period are
// deleted a small batch at a time (their logs, checkpoints and approvals go with them through
// ON DELETE CASCADE; their timeline events are deleted here), and freed pages are handed back.
import type { Database } from 'better-sqlite3';

/**
 * Only runs that have ended. Queued, running, awaiting_approval and halted runs are never pruned,
 * however old: they still need a person or the queue.
 */
export const PRUNABLE_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out', 'skipped'] as const;

const statusList = PRUNABLE_STATUSES.map((s) => `'${s}'`).join(', ');

export interface LogSize {
  lines: number;
  bytes: number;
}

export function createRetentionRepo(db: Database) {
  const oldest = db.prepare(
    `SELECT id FROM runs
     WHERE finished_at IS NOT NULL AND finished_at < ? AND status IN (${statusList})
     ORDER BY finished_at LIMIT ?`,
  );
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
  const deleteEvents = db.prepare('DELETE FROM events WHERE run_id = ?');
  const logSize = db.prepare(
    'SELECT count(*) AS lines, coalesce(sum(length(CAST(message AS BLOB))), 0) AS bytes FROM run_logs WHERE run_id = ?',
  );
  const pruneLedger = db.prepare(
    'DELETE FROM occurrences WHERE rowid IN (SELECT rowid FROM occurrences WHERE occurrence_at < ? LIMIT ?)',
  );
  const pruneBatch = db.transaction((finishedBefore: number, limit: number): number => {
    const ids = oldest.pluck().all(finishedBefore, limit) as string[];
    for (const id of ids) {
      deleteEvents.run(id);
      deleteRun.run(id);
    }
    return ids.length;
  });
  return {
    /** Deletes up to `limit` finished runs that ended before `finishedBefore`, oldest first; returns how many. */
    pruneFinishedRuns(finishedBefore: number, limit: number): number {
      return pruneBatch.immediate(finishedBefore, limit);
    },
    /** Deletes up to `limit` occurrence-ledger rows of occurrences before `before`; returns how many. */
    pruneOccurrences(before: number, limit: number): number {
      return pruneLedger.run(before, limit).changes;
    },
    /** Hands up to `pages` free pages back to the file system (INCREMENTAL auto_vacuum). */
    incrementalVacuum(pages: number): void {
      db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
    },
    freePages(): number {
      return db.pragma('freelist_count', { simple: true }) as number;
    },
    /** How much a run has logged so far, so a resumed run's log cap counts what is already there. */
    runLogSize(runId: string): LogSize {
      return logSize.get(runId) as LogSize;
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
