-- A run the overlap policy skips is 'skipped', not 'cancelled': nobody cancelled it. SQLite cannot
-- change a CHECK in place, so the runs table is rebuilt with the same columns and indexes, by
-- SQLite's procedure: migrate() runs this with foreign keys off, so dropping the old table does not
-- cascade into checkpoints, run_logs, approvals or api_usage, which then point at the new one.
CREATE TABLE runs_rebuilt (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'catch_up', 'manual', 'retry', 'dependency', 'agent')),
  scheduled_for INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'awaiting_approval', 'halted', 'succeeded', 'failed', 'cancelled', 'timed_out', 'skipped')),
  priority INTEGER NOT NULL DEFAULT 1,
  attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  retry_of TEXT REFERENCES runs(id) ON DELETE SET NULL,
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  lease_owner TEXT,
  lease_expires_at INTEGER,
  heartbeat_at INTEGER,
  next_attempt_at INTEGER,
  queued_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  cost_usd REAL NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  waiting_reason TEXT,
  blocked_reason TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1))
) STRICT;

INSERT INTO runs_rebuilt (
  id, task_id, trigger, scheduled_for, status, priority, attempt, retry_of, params, lease_owner,
  lease_expires_at, heartbeat_at, next_attempt_at, queued_at, started_at, finished_at, error, cost_usd,
  input_tokens, output_tokens, waiting_reason, blocked_reason, cancel_requested, interrupted
)
SELECT
  id, task_id, trigger, scheduled_for, status, priority, attempt, retry_of, params, lease_owner,
  lease_expires_at, heartbeat_at, next_attempt_at, queued_at, started_at, finished_at, error, cost_usd,
  input_tokens, output_tokens, waiting_reason, blocked_reason, cancel_requested, interrupted
FROM runs;

DROP TABLE runs;
ALTER TABLE runs_rebuilt RENAME TO runs;

-- Runs skipped before this version were written as cancelled, with the overlap policy as their signal.
UPDATE runs SET status = 'skipped'
WHERE status = 'cancelled' AND error IS NOT NULL
  AND EXISTS (SELECT 1 FROM json_each(error, '$.signals') WHERE value = 'overlap_policy=skip');

CREATE INDEX runs_queue ON runs (status, priority DESC, scheduled_for);
CREATE INDEX runs_by_task ON runs (task_id, queued_at DESC);
CREATE UNIQUE INDEX runs_one_per_occurrence ON runs (task_id, scheduled_for)
  WHERE trigger IN ('schedule', 'catch_up') AND attempt = 1;
CREATE INDEX runs_running ON runs (task_id) WHERE status = 'running';
CREATE INDEX runs_retry_due ON runs (next_attempt_at) WHERE status = 'queued' AND next_attempt_at IS NOT NULL;
CREATE INDEX runs_scheduled_queued ON runs (task_id) WHERE status = 'queued' AND trigger IN ('schedule', 'catch_up');
