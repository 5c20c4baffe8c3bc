// Each task's run facts for its board column, without reading every task and run on each list: the
// idle part (schedule kind, whether a next run is set, paused, its latest ended run's status) is kept
// in memory and refreshed only for the tasks the board_changes triggers logged since the last read,
// and those of runs added since already ended; the runs that are queued, running or waiting for the
// user are few and read from their index.
import type { Database } from 'better-sqlite3';
import { runStatuses, scheduleKinds, taskColumns, type RunStatus, type TaskColumn } from '../../model/types';
import { taskColumn, type QueuedRunFacts, type TaskPlacement, type TaskRunFacts } from '../../model/task-column';

export interface BoardPlacements {
  /** Every task's id. */
  ids(): Iterable<string>;
  /** How many tasks stand in each column. */
  counts(): Record<TaskColumn, number>;
  /** Whether the task is paused, as kept. */
  paused(id: string): boolean;
  of(id: string): TaskPlacement | undefined;
  /** The task's oldest queued run's facts, if one waits. */
  queued(id: string): QueuedRunFacts | null;
}
type IdleRow = { id: string; schedule_kind: string; has_next: number; paused: number; last_ended: string | null };

const ENDED = `('succeeded', 'failed', 'cancelled', 'timed_out')`;
const IDLE_COLUMNS = `t.id, t.schedule_kind, t.next_run_at IS NOT NULL AS has_next, t.paused,
  (SELECT r.status FROM runs r WHERE r.task_id = t.id AND r.status IN ${ENDED}
    ORDER BY r.queued_at DESC, r.id LIMIT 1) AS last_ended`;

const zeroes = () => Object.fromEntries(taskColumns.map((c) => [c, 0])) as Record<TaskColumn, number>;

/**
 * A task's idle facts in one small integer: its schedule kind, whether a next run is set, whether
 * it is paused, and its latest ended run's status. Kept per task for every task, a number costs a
 * tenth of the three objects it stands for (about 2.5 MB at 10,000 tasks).
 */
type IdleCode = number;
const NO_STATUS = runStatuses.length;
const HAS_NEXT = 1;
const PAUSED = 2;

function idleCode(row: IdleRow): IdleCode {
  const kind = scheduleKinds.indexOf(row.schedule_kind as (typeof scheduleKinds)[number]);
  const status = row.last_ended === null ? NO_STATUS : runStatuses.indexOf(row.last_ended as RunStatus);
  return (
    ((kind * (NO_STATUS + 1) + status) << 2) | (row.has_next === 1 ? HAS_NEXT : 0) | (row.paused === 1 ? PAUSED : 0)
  );
}

function idleFacts(code: IdleCode): TaskRunFacts {
  const rest = code >> 2;
  const status = rest % (NO_STATUS + 1);
  return {
    scheduleKind: scheduleKinds[Math.floor(rest / (NO_STATUS + 1))]!,
    hasNextRun: (code & HAS_NEXT) !== 0,
    paused: (code & PAUSED) !== 0,
    runningRuns: 0,
    attentionRuns: 0,
    queued: null,
    lastEndedStatus: status === NO_STATUS ? null : runStatuses[status]!,
  };
}

// Without a run in flight, a placement does not depend on the time: one per code, shared.
const idlePlacements = new Map<IdleCode, TaskPlacement>();
function idlePlacement(code: IdleCode): TaskPlacement {
  let placement = idlePlacements.get(code);
  if (!placement) idlePlacements.set(code, (placement = taskColumn(idleFacts(code), 0)));
  return placement;
}

export function createBoardFacts(db: Database) {
  const everyTask = db.prepare<[], IdleRow>(`SELECT ${IDLE_COLUMNS} FROM tasks t`);
  const someTasks = db.prepare<[string], IdleRow>(
    `SELECT ${IDLE_COLUMNS} FROM tasks t WHERE t.id IN (SELECT value FROM json_each(?))`,
  );
  const lastSeq = db.prepare<[], number | null>(`SELECT max(seq) FROM board_changes`).pluck();
  const lastRunRow = db.prepare<[], number | null>(`SELECT max(rowid) FROM runs`).pluck();
  const endedSince = db
    .prepare<[number], string>(`SELECT DISTINCT task_id FROM runs WHERE rowid > ? AND status IN ${ENDED}`)
    .pluck();
  const firstSeq = db.prepare<[], number | null>(`SELECT min(seq) FROM board_changes`).pluck();
  const changedSince = db.prepare<[number], string>(`SELECT DISTINCT task_id FROM board_changes WHERE seq > ?`).pluck();
  const runMsOf = db.prepare<[string], { id: string; run_ms: number | null }>(
    `SELECT value AS id, (SELECT SUM(x.finished_at - x.started_at) FROM runs x
       WHERE x.task_id = value AND x.finished_at IS NOT NULL) AS run_ms
     FROM json_each(?)`,
  );
  const activeRuns = db.prepare<
    [],
    {
      task_id: string;
      status: string;
      waiting_reason: string | null;
      blocked_reason: string | null;
      next_attempt_at: number | null;
    }
  >(
    `SELECT task_id, status, waiting_reason, blocked_reason, next_attempt_at FROM runs
     WHERE status IN ('queued', 'running', 'awaiting_approval', 'halted') ORDER BY status, queued_at DESC, id`,
  );

  let idle: Map<string, IdleCode> | null = null;
  // How many kept tasks each idle placement puts in each column, kept with them.
  let idleCounts = zeroes();
  let seenSeq = 0;
  // The last runs row read: a run inserted already ended (never by Ridgeline itself) is found
  // among the rows after it, as the log holds no trigger on every insert.
  let seenRunRow = 0;
  // Each task's finished runs' time, summed, once read: it changes only when a run ends or an
  // ended run is deleted, both of which the log names.
  const runTimes = new Map<string, number | null>();

  /** Brings the idle facts up to date with the log; reads every task when it has lost track. */
  function refresh(): Map<string, IdleCode> {
    const latest = lastSeq.get() ?? 0;
    const latestRunRow = lastRunRow.get() ?? 0;
    if (idle && latest === seenSeq && latestRunRow === seenRunRow) return idle;
    const oldest = firstSeq.get() ?? 0;
    // The log was pruned past what was last seen, or the database is not the one last read.
    if (!idle || latest < seenSeq || oldest > seenSeq + 1 || latestRunRow < seenRunRow) {
      idle = new Map(everyTask.all().map((row) => [row.id, idleCode(row)]));
      runTimes.clear();
      idleCounts = zeroes();
      for (const code of idle.values()) idleCounts[idlePlacement(code).column] += 1;
    } else {
      const changed = [...new Set([...changedSince.all(seenSeq), ...endedSince.all(seenRunRow)])];
      const found = new Map(someTasks.all(JSON.stringify(changed)).map((row) => [row.id, row]));
      for (const id of changed) {
        runTimes.delete(id);
        const before = idle.get(id);
        if (before !== undefined) idleCounts[idlePlacement(before).column] -= 1;
        const row = found.get(id);
        if (!row) {
          idle.delete(id);
          continue;
        }
        const code = idleCode(row);
        idle.set(id, code);
        idleCounts[idlePlacement(code).column] += 1;
      }
    }
    seenSeq = latest;
    seenRunRow = latestRunRow;
    return idle;
  }

  return {
    /**
     * Where every task stands now: the kept idle placement, overridden for the tasks with a run
     * that is queued, running or waiting for the user.
     */
    placements(now: number): BoardPlacements {
      const kept = refresh();
      const active = new Map<string, TaskRunFacts>();
      // Newest first within a status, so the last queued run seen is the task's oldest.
      for (const run of activeRuns.all()) {
        const code = kept.get(run.task_id);
        if (code === undefined) continue;
        let facts = active.get(run.task_id);
        if (!facts) {
          facts = idleFacts(code);
          active.set(run.task_id, facts);
        }
        if (run.status === 'running') facts.runningRuns += 1;
        else if (run.status === 'queued') {
          facts.queued = {
            waitingReason: run.waiting_reason,
            blockedReason: run.blocked_reason,
            nextAttemptAt: run.next_attempt_at,
          };
        } else facts.attentionRuns += 1;
      }
      const busy = new Map([...active].map(([id, facts]) => [id, { facts, placement: taskColumn(facts, now) }]));
      const counts = { ...idleCounts };
      for (const [id, { placement }] of busy) {
        counts[idlePlacement(kept.get(id)!).column] -= 1;
        counts[placement.column] += 1;
      }
      return {
        ids: () => kept.keys(),
        counts: () => counts,
        paused: (id) => ((kept.get(id) ?? 0) & PAUSED) !== 0,
        of: (id) => {
          const code = kept.get(id);
          return busy.get(id)?.placement ?? (code === undefined ? undefined : idlePlacement(code));
        },
        queued: (id) => busy.get(id)?.facts.queued ?? null,
      };
    },

    /** The time each of these tasks' finished runs took, summed; null before any finished. */
    runMs(ids: readonly string[]): Map<string, number | null> {
      refresh();
      const missing = ids.filter((id) => !runTimes.has(id));
      if (missing.length > 0) for (const row of runMsOf.all(JSON.stringify(missing))) runTimes.set(row.id, row.run_ms);
      return new Map(ids.map((id) => [id, runTimes.get(id) ?? null]));
    },
  };
}
