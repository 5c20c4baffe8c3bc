// The occurrence ledger: what became of each occurrence a schedule was due to have, and the
// occurrence a paused task was waiting for, so its resume can record the ones that passed.
import type { Database } from 'better-sqlite3';
import { isoAt } from '../../lib/time-format';
import { inChunks, rowsStatements } from '../statements';
import {
  occurrenceOutcomes,
  ranOutcomes,
  type Occurrence,
  type OccurrenceCause,
  type OccurrenceOutcome,
  type OccurrenceSummary,
} from '../../model/occurrences';

export interface OccurrenceEntry {
  taskId: string;
  occurrenceAt: number;
  outcome: OccurrenceOutcome;
  cause?: OccurrenceCause | null;
  runId?: string | null;
  delayedTo?: number | null;
}

interface Row {
  taskId: string;
  occurrenceAt: number;
  outcome: OccurrenceOutcome;
  cause: OccurrenceCause | null;
  runId: string | null;
  delayedTo: number | null;
  recordedAt: number;
}

export interface OccurrenceRange {
  taskId: string;
  from: number;
  to: number;
}

const SELECT = `SELECT task_id AS taskId, occurrence_at AS occurrenceAt, outcome, cause, run_id AS runId,
  delayed_to AS delayedTo, recorded_at AS recordedAt FROM occurrences`;

function toApi(row: Row): Occurrence {
  return {
    ...row,
    occurrenceAt: isoAt(row.occurrenceAt),
    delayedTo: row.delayedTo === null ? null : isoAt(row.delayedTo),
    recordedAt: isoAt(row.recordedAt),
  };
}

interface CountRow {
  outcome: OccurrenceOutcome;
  cause: string | null;
  n: number;
}

export interface TaskCounts {
  taskId: string;
  title: string;
  summary: OccurrenceSummary;
}

function summarize(rows: readonly CountRow[]): OccurrenceSummary {
  const counts = Object.fromEntries(occurrenceOutcomes.map((o) => [o, 0])) as OccurrenceSummary['counts'];
  const missedBy: OccurrenceSummary['missedBy'] = {};
  for (const row of rows) {
    counts[row.outcome] += row.n;
    if ((row.outcome === 'missed' || row.outcome === 'clock_change') && row.cause) {
      const cause = row.cause as OccurrenceCause;
      missedBy[cause] = (missedBy[cause] ?? 0) + row.n;
    }
  }
  const total = occurrenceOutcomes.reduce((sum, o) => sum + counts[o], 0);
  const ran = ranOutcomes.reduce((sum, o) => sum + counts[o], 0);
  return { total, ran, counts, missedBy };
}

// A delayed occurrence keeps when it was delayed to after it fires. The rows of one statement are
// written in order, so an occurrence named twice ends as its later entry says, as row by row.
const UPSERT_HEAD = 'INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, run_id, delayed_to, recorded_at)';
const UPSERT_TAIL = `ON CONFLICT (task_id, occurrence_at) DO UPDATE SET outcome = excluded.outcome, cause = excluded.cause,
  run_id = coalesce(excluded.run_id, run_id), delayed_to = coalesce(excluded.delayed_to, delayed_to),
  recorded_at = excluded.recorded_at`;

export function createOccurrencesRepo(db: Database) {
  const upsertRows = rowsStatements(db, { head: UPSERT_HEAD, width: 7, tail: UPSERT_TAIL });
  const skippedStmt = db.prepare(
    `UPDATE occurrences SET outcome = 'skipped_overlap', cause = NULL, recorded_at = ? WHERE run_id = ?`,
  );
  const listStmt = db.prepare<[string, number, number, number], Row>(
    `${SELECT} WHERE task_id = ? AND occurrence_at >= ? AND occurrence_at < ? ORDER BY occurrence_at DESC LIMIT ?`,
  );
  const countStmt = db.prepare<[string, number, number], CountRow>(
    `SELECT outcome, cause, count(*) AS n FROM occurrences
     WHERE task_id = ? AND occurrence_at >= ? AND occurrence_at < ? GROUP BY outcome, cause`,
  );
  // Through occurrences_by_time: the range's rows of every task, counted per task.
  const overviewStmt = db.prepare<[number, number], CountRow & { taskId: string; title: string }>(
    `SELECT o.task_id AS taskId, t.title, o.outcome, o.cause, count(*) AS n
     FROM occurrences o JOIN tasks t ON t.id = o.task_id
     WHERE o.occurrence_at >= ? AND o.occurrence_at < ? GROUP BY o.task_id, o.outcome, o.cause`,
  );
  const pauseStmt = db.prepare(
    `INSERT INTO task_pauses (task_id, paused_at, next_occurrence_at) VALUES (?, ?, ?)
     ON CONFLICT (task_id) DO UPDATE SET paused_at = excluded.paused_at, next_occurrence_at = excluded.next_occurrence_at`,
  );
  const pausedStmt = db.prepare<[string], { pausedAt: number; nextOccurrenceAt: number | null }>(
    'SELECT paused_at AS pausedAt, next_occurrence_at AS nextOccurrenceAt FROM task_pauses WHERE task_id = ?',
  );
  const unpauseStmt = db.prepare('DELETE FROM task_pauses WHERE task_id = ?');

  return {
    /** Records a batch of outcomes, one statement each, inside the caller's transaction. */
    /** A chunk of entries per statement: a burst records one per task it fires. */
    record(entries: readonly OccurrenceEntry[], now: number): void {
      inChunks(entries, (chunk) => {
        const values: unknown[] = [];
        for (const e of chunk) {
          values.push(e.taskId, e.occurrenceAt, e.outcome, e.cause ?? null, e.runId ?? null, e.delayedTo ?? null, now);
        }
        upsertRows(chunk.length).run(values);
      });
    },
    /** The occurrence whose run the overlap policy skipped. */
    markSkippedByOverlap(runId: string, now: number): void {
      skippedStmt.run(now, runId);
    },
    /** Newest first, within [from, to). */
    list(range: OccurrenceRange, limit: number): Occurrence[] {
      return listStmt.all(range.taskId, range.from, range.to, limit).map(toApi);
    },
    summary(range: OccurrenceRange): OccurrenceSummary {
      return summarize(countStmt.all(range.taskId, range.from, range.to));
    },
    /** Every task's counts over [from, to), with its title, and the counts of all of them together. */
    overview(from: number, to: number): { totals: OccurrenceSummary; tasks: TaskCounts[] } {
      const byTask = new Map<string, { title: string; rows: CountRow[] }>();
      const all: CountRow[] = [];
      for (const row of overviewStmt.all(from, to)) {
        all.push(row);
        const entry = byTask.get(row.taskId);
        if (entry) entry.rows.push(row);
        else byTask.set(row.taskId, { title: row.title, rows: [row] });
      }
      const tasks = [...byTask].map(([taskId, { title, rows }]) => ({ taskId, title, summary: summarize(rows) }));
      return { totals: summarize(all), tasks };
    },
    rememberPause(taskId: string, nextOccurrenceAt: number | null, now: number): void {
      pauseStmt.run(taskId, now, nextOccurrenceAt);
    },
    /** The pause being ended, forgotten as it is read. */
    takePause(taskId: string): { pausedAt: number; nextOccurrenceAt: number | null } | undefined {
      const pause = pausedStmt.get(taskId);
      if (pause) unpauseStmt.run(taskId);
      return pause;
    },
  };
}

export type OccurrencesRepo = ReturnType<typeof createOccurrencesRepo>;
