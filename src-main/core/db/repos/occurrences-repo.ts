// The occurrence ledger: what became of each occurrence a schedule was due to have, and the
// occurrence a paused task was waiting for, so its resume can record the ones that passed. An
// occurrence that fired on time is its run: the runs table holds it (one run per occurrence), and
// the ledger reads it from there unless a row of its own says more (a snooze, a skip by the
// overlap policy). A burst of 1,000 fires writes no ledger rows.
import type { Database } from 'better-sqlite3';
import { isoAt } from '../../lib/time-format';
import { inChunks, rowsStatements } from '../statements';
import { QUEUED_MARGIN_MS } from './queue-sql';
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

/** Runs that are a fired occurrence with no ledger row of their own (the trigger term names the partial index's). */
const FIRED_RUN = `r.trigger IN ('schedule', 'catch_up') AND r.attempt = 1 AND r.trigger = 'schedule'
  AND NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.task_id = r.task_id AND o.occurrence_at = r.scheduled_for)`;
/**
 * A task's fired runs of occurrences in [@from, @to), found through runs_by_task: a run is queued at
 * or after its occurrence (one fired more than seconds late is caught up, with a ledger row).
 */
const TASK_FIRED_RUNS = `FROM runs r WHERE r.task_id = @taskId AND r.queued_at >= @from - ${QUEUED_MARGIN_MS}
  AND r.scheduled_for >= @from AND r.scheduled_for < @to AND ${FIRED_RUN}`;

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
  // A scheduled run's occurrence, recorded as skipped whether it had a row of its own or was read
  // from its run.
  const skippedStmt = db.prepare(
    `INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, run_id, recorded_at)
     SELECT task_id, scheduled_for, 'skipped_overlap', NULL, id, @now FROM runs
     WHERE id = @runId AND trigger IN ('schedule', 'catch_up') AND attempt = 1
     ON CONFLICT (task_id, occurrence_at) DO UPDATE SET outcome = 'skipped_overlap', cause = NULL,
       run_id = excluded.run_id, recorded_at = excluded.recorded_at`,
  );
  const listStmt = db.prepare<[OccurrenceRange & { limit: number }], Row>(
    `SELECT task_id AS taskId, occurrence_at AS occurrenceAt, outcome, cause, run_id AS runId,
       delayed_to AS delayedTo, recorded_at AS recordedAt
     FROM occurrences WHERE task_id = @taskId AND occurrence_at >= @from AND occurrence_at < @to
     ORDER BY occurrence_at DESC LIMIT @limit`,
  );
  // A task's runs fired on time are queued in the order of their occurrences: read newest first
  // along runs_by_task, they stop at the limit instead of sorting every run in the range.
  const firedStmt = db.prepare<[OccurrenceRange & { limit: number }], Row>(
    `SELECT r.task_id AS taskId, r.scheduled_for AS occurrenceAt, 'fired' AS outcome, NULL AS cause, r.id AS runId,
       NULL AS delayedTo, r.queued_at AS recordedAt ${TASK_FIRED_RUNS}
     ORDER BY r.queued_at DESC LIMIT @limit`,
  );
  const countStmt = db.prepare<[OccurrenceRange], CountRow>(
    `SELECT outcome, cause, count(*) AS n FROM occurrences
     WHERE task_id = @taskId AND occurrence_at >= @from AND occurrence_at < @to GROUP BY outcome, cause
     UNION ALL
     SELECT 'fired', NULL, count(*) ${TASK_FIRED_RUNS}`,
  );
  // Through occurrences_by_time and runs_one_per_occurrence: the range's occurrences of every
  // task, counted per task.
  const overviewStmt = db.prepare<[{ from: number; to: number }], CountRow & { taskId: string; title: string }>(
    `SELECT o.task_id AS taskId, t.title, o.outcome, o.cause, count(*) AS n
     FROM occurrences o JOIN tasks t ON t.id = o.task_id
     WHERE o.occurrence_at >= @from AND o.occurrence_at < @to GROUP BY o.task_id, o.outcome, o.cause
     UNION ALL
     SELECT r.task_id, t.title, 'fired', NULL, count(*)
     FROM runs r JOIN tasks t ON t.id = r.task_id
     WHERE r.scheduled_for >= @from AND r.scheduled_for < @to AND ${FIRED_RUN} GROUP BY r.task_id`,
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
    /** Records a batch of outcomes, a chunk of entries per statement, inside the caller's transaction. */
    record(entries: readonly OccurrenceEntry[], now: number): void {
      inChunks(entries, (chunk) => {
        const values: unknown[] = [];
        for (const e of chunk) {
          values.push(e.taskId, e.occurrenceAt, e.outcome, e.cause ?? null, e.runId ?? null, e.delayedTo ?? null, now);
        }
        upsertRows(chunk.length).run(values);
      });
    },
    /** The occurrence whose run the overlap policy skipped (none for a run no schedule queued). */
    markSkippedByOverlap(runId: string, now: number): void {
      skippedStmt.run({ now, runId });
    },
    /** Newest first, within [from, to). */
    list(range: OccurrenceRange, limit: number): Occurrence[] {
      const rows = [...listStmt.all({ ...range, limit }), ...firedStmt.all({ ...range, limit })];
      return rows
        .sort((a, b) => b.occurrenceAt - a.occurrenceAt)
        .slice(0, limit)
        .map(toApi);
    },
    summary(range: OccurrenceRange): OccurrenceSummary {
      return summarize(countStmt.all(range));
    },
    /** Every task's counts over [from, to), with its title, and the counts of all of them together. */
    overview(from: number, to: number): { totals: OccurrenceSummary; tasks: TaskCounts[] } {
      const byTask = new Map<string, { title: string; rows: CountRow[] }>();
      const all: CountRow[] = [];
      for (const row of overviewStmt.all({ from, to })) {
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
