// The run queue's reads that decide what starts next, each shaped for an index (migrations 0004
// and 0005); their query plans are checked in the migrations' tests.

export interface LeaseCandidate {
  id: string;
  task_id: string;
  queued_at: number;
  retry_of: string | null;
}

// Due, not parked by the gate, its task under max_concurrent_runs, its concurrency key free.
// Ordered by priority, then the time it was meant to run; ties by queue time and id, so the order is total.
export const LEASE_CANDIDATE_SQL = `
  SELECT r.id, r.task_id, r.queued_at, r.retry_of FROM runs r JOIN tasks t ON t.id = r.task_id
  WHERE r.status = 'queued' AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= @now)
    AND r.waiting_reason IS NULL AND r.blocked_reason IS NULL AND r.condition_reason IS NULL
    AND (SELECT count(*) FROM runs x WHERE x.task_id = r.task_id AND x.status = 'running') < t.max_concurrent_runs
    AND (t.concurrency_key IS NULL OR NOT EXISTS (
      SELECT 1 FROM runs x JOIN tasks xt ON xt.id = x.task_id
      WHERE x.status = 'running' AND xt.concurrency_key = t.concurrency_key))
  ORDER BY r.priority DESC, r.scheduled_for, r.queued_at, r.id
  LIMIT 1`;

/**
 * A scheduled run is queued at or after its occurrence: reads that find a task's runs of some
 * occurrences by the time they were queued look this much earlier too, for the wall clock set back
 * between a fire's due check and its commit.
 */
export const QUEUED_MARGIN_MS = 3600_000;

/**
 * Scheduled runs still queued whose task is busy: read from the tasks with a run running (a few),
 * then, along runs_by_task, their runs queued since that run started, not from every queued run,
 * which after a burst of 10,000 the worker walked before each lease. Only an occurrence that came
 * due once a running run had started overlaps it; catch-up runs of occurrences from before (a
 * misfire policy's backlog) wait their turn, whenever the worker happens to look.
 */
export const OVERLAPPING_SQL = `SELECT r.id FROM tasks t JOIN runs r INDEXED BY runs_by_task ON r.task_id = t.id
  WHERE t.id IN (SELECT task_id FROM runs INDEXED BY runs_running WHERE status = 'running')
    AND t.overlap_policy = 'skip' AND r.status = 'queued' AND r.trigger IN ('schedule', 'catch_up')
    AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ?)
    AND (SELECT count(*) FROM runs x WHERE x.task_id = t.id AND x.status = 'running') >= t.max_concurrent_runs
    AND r.queued_at >= coalesce(
      (SELECT max(x.started_at) FROM runs x WHERE x.task_id = t.id AND x.status = 'running'), 0) - ${QUEUED_MARGIN_MS}
    AND r.scheduled_for >= coalesce(
      (SELECT max(x.started_at) FROM runs x WHERE x.task_id = t.id AND x.status = 'running'), 0)`;

// Read from the retry index (migration 0004), which holds only runs waiting for a retry: the
// planner would otherwise walk every queued run by status.
export const NEXT_ATTEMPT_SQL = `SELECT next_attempt_at FROM runs INDEXED BY runs_retry_due
  WHERE status = 'queued' AND next_attempt_at > ? ORDER BY next_attempt_at LIMIT 1`;
