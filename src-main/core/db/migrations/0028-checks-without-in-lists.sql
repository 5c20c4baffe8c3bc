-- SQLite checks `column IN ('a', 'b', 'c', ...)` in a CHECK constraint or a trigger's WHEN by
-- building a temporary index of the list for every row it checks, where a list in a query is built
-- once per statement: queueing a run, writing a step's checkpoint or a log line, a run or a task
-- changing status each built one to three. Written as `column = 'a' OR column = 'b' ...` the same
-- conditions are plain comparisons and allow exactly the same values (NULL too, where the column
-- allows it). SQLite cannot change a CHECK in place, so each table with such a list is rebuilt
-- with the same columns, rows, indexes and triggers, by SQLite's procedure: migrate() runs this
-- with foreign keys off, so dropping a table does not cascade into the tables that point at it,
-- which then point at the new one. Lists of two values stay: SQLite compares those directly.
-- Rebuilding takes about a second per 100,000 runs, once; inserting 1,000 queued runs then takes
-- about 10% less time, and a three-step run (checkpoints, logs, status changes) about 20% less CPU.

CREATE TABLE tasks_rebuilt (
  id TEXT PRIMARY KEY,
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  task_type TEXT NOT NULL DEFAULT 'general',
  priority INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status = 'pending' OR status = 'scheduled' OR status = 'running' OR status = 'blocked'
      OR status = 'halted' OR status = 'complete' OR status = 'failed'),
  current_phase TEXT
    CHECK (current_phase = 'preparation' OR current_phase = 'drafting'
      OR current_phase = 'verification' OR current_phase = 'execution'
      OR current_phase = 'confirmation'),
  pipeline TEXT NOT NULL DEFAULT '{"steps":[]}' CHECK (json_valid(pipeline)),
  schedule_kind TEXT NOT NULL DEFAULT 'manual'
    CHECK (schedule_kind = 'cron' OR schedule_kind = 'rrule' OR schedule_kind = 'once'
      OR schedule_kind = 'interval' OR schedule_kind = 'manual'),
  schedule_expr TEXT,
  schedule_timezone TEXT,
  misfire_policy TEXT NOT NULL DEFAULT 'run_once' CHECK (misfire_policy = 'skip'
    OR misfire_policy = 'run_once' OR misfire_policy = 'run_all'),
  misfire_grace_ms INTEGER,
  next_run_at INTEGER,
  last_fired_at INTEGER,
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  retry_policy TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(retry_policy)),
  timeout_ms INTEGER CHECK (timeout_ms > 0),
  concurrency_key TEXT,
  max_concurrent_runs INTEGER NOT NULL DEFAULT 1 CHECK (max_concurrent_runs >= 1),
  overlap_policy TEXT NOT NULL DEFAULT 'skip' CHECK (overlap_policy IN ('skip', 'queue')),
  notification_policy TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(notification_policy)),
  budget_usd REAL CHECK (budget_usd >= 0),
  success_criteria TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(success_criteria)),
  deadline_at INTEGER,
  estimated_hours REAL CHECK (estimated_hours >= 0),
  actual_hours REAL CHECK (actual_hours >= 0),
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  started_at INTEGER,
  completed_at INTEGER,
  next_occurrence_at INTEGER,
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
  conditions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(conditions) AND json_type(conditions) = 'object'),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  wake_to_run INTEGER NOT NULL DEFAULT 0 CHECK (wake_to_run IN (0, 1)),
  paused_reason TEXT
) STRICT;
INSERT INTO tasks_rebuilt (
  id, project_id, title, description, task_type, priority, status, current_phase, pipeline,
  schedule_kind, schedule_expr, schedule_timezone, misfire_policy, misfire_grace_ms, next_run_at,
  last_fired_at, paused, retry_policy, timeout_ms, concurrency_key, max_concurrent_runs,
  overlap_policy, notification_policy, budget_usd, success_criteria, deadline_at, estimated_hours,
  actual_hours, last_error, created_at, updated_at, started_at, completed_at, next_occurrence_at,
  params, conditions, tags, wake_to_run, paused_reason)
SELECT
  id, project_id, title, description, task_type, priority, status, current_phase, pipeline,
  schedule_kind, schedule_expr, schedule_timezone, misfire_policy, misfire_grace_ms, next_run_at,
  last_fired_at, paused, retry_policy, timeout_ms, concurrency_key, max_concurrent_runs,
  overlap_policy, notification_policy, budget_usd, success_criteria, deadline_at, estimated_hours,
  actual_hours, last_error, created_at, updated_at, started_at, completed_at, next_occurrence_at,
  params, conditions, tags, wake_to_run, paused_reason FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_rebuilt RENAME TO tasks;
CREATE INDEX tasks_by_status ON tasks (status, updated_at);
CREATE INDEX tasks_by_project ON tasks (project_id);
CREATE INDEX tasks_with_deadline ON tasks (deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX tasks_by_updated ON tasks (updated_at DESC, id);
CREATE INDEX tasks_due ON tasks (next_run_at, priority DESC)
  WHERE next_run_at IS NOT NULL AND paused = 0;
CREATE INDEX tasks_wake_due ON tasks (next_run_at, id)
  WHERE wake_to_run = 1 AND paused = 0 AND next_run_at IS NOT NULL;
CREATE TRIGGER board_changes_task_added AFTER INSERT ON tasks
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.id);
END;
CREATE TRIGGER board_changes_task_deleted AFTER DELETE ON tasks
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.id);
END;
CREATE TRIGGER board_changes_task_changed AFTER UPDATE OF schedule_kind, next_run_at, paused ON tasks
WHEN OLD.schedule_kind IS NOT NEW.schedule_kind
  OR (OLD.next_run_at IS NULL) IS NOT (NEW.next_run_at IS NULL)
  OR OLD.paused IS NOT NEW.paused
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.id);
END;

CREATE TABLE runs_rebuilt (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  trigger TEXT NOT NULL CHECK (trigger = 'schedule' OR trigger = 'catch_up' OR trigger = 'manual'
    OR trigger = 'retry' OR trigger = 'dependency' OR trigger = 'agent' OR trigger = 'webhook'),
  scheduled_for INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status = 'queued' OR status = 'running' OR status = 'awaiting_approval'
      OR status = 'halted' OR status = 'succeeded' OR status = 'failed' OR status = 'cancelled'
      OR status = 'timed_out' OR status = 'skipped'),
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
  interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  condition_reason TEXT
) STRICT;
INSERT INTO runs_rebuilt (
  id, task_id, trigger, scheduled_for, status, priority, attempt, retry_of, params, lease_owner,
  lease_expires_at, heartbeat_at, next_attempt_at, queued_at, started_at, finished_at, error,
  cost_usd, input_tokens, output_tokens, waiting_reason, blocked_reason, cancel_requested,
  interrupted, condition_reason)
SELECT
  id, task_id, trigger, scheduled_for, status, priority, attempt, retry_of, params, lease_owner,
  lease_expires_at, heartbeat_at, next_attempt_at, queued_at, started_at, finished_at, error,
  cost_usd, input_tokens, output_tokens, waiting_reason, blocked_reason, cancel_requested,
  interrupted, condition_reason FROM runs;
DROP TABLE runs;
ALTER TABLE runs_rebuilt RENAME TO runs;
CREATE INDEX runs_running ON runs (task_id) WHERE status = 'running';
CREATE INDEX runs_retry_due ON runs (next_attempt_at)
  WHERE status = 'queued' AND next_attempt_at IS NOT NULL;
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX runs_by_queued ON runs (queued_at DESC, id);
CREATE INDEX runs_by_status_queued ON runs (status, queued_at DESC, id);
CREATE INDEX runs_by_task ON runs (task_id, queued_at DESC, id);
CREATE INDEX runs_by_retry_of ON runs (retry_of, attempt, queued_at) WHERE retry_of IS NOT NULL;
CREATE INDEX runs_held_for_conditions ON runs (status) WHERE condition_reason IS NOT NULL;
CREATE INDEX runs_time_by_task ON runs (task_id, finished_at, started_at)
  WHERE finished_at IS NOT NULL;
CREATE INDEX runs_queue ON runs (status, priority DESC, scheduled_for, queued_at, id);
CREATE UNIQUE INDEX runs_one_per_occurrence ON runs (scheduled_for, task_id)
  WHERE trigger IN ('schedule', 'catch_up') AND attempt = 1;
CREATE TRIGGER board_changes_run_ended AFTER UPDATE OF status ON runs
WHEN OLD.status IS NOT NEW.status
  AND ((NEW.status = 'succeeded' OR NEW.status = 'failed' OR NEW.status = 'cancelled'
    OR NEW.status = 'timed_out')
    OR (OLD.status = 'succeeded' OR OLD.status = 'failed' OR OLD.status = 'cancelled'
      OR OLD.status = 'timed_out'))
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.task_id);
END;
CREATE TRIGGER board_changes_run_deleted AFTER DELETE ON runs
WHEN (OLD.status = 'succeeded' OR OLD.status = 'failed' OR OLD.status = 'cancelled'
  OR OLD.status = 'timed_out')
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.task_id);
END;
CREATE TRIGGER board_changes_run_moved AFTER UPDATE OF task_id, queued_at ON runs
WHEN OLD.task_id IS NOT NEW.task_id OR OLD.queued_at IS NOT NEW.queued_at
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.task_id);
  INSERT INTO board_changes (task_id) VALUES (NEW.task_id);
END;

CREATE TABLE checkpoints_rebuilt (
  id INTEGER PRIMARY KEY,
  checkpoint_uuid TEXT NOT NULL UNIQUE,
  global_sequence INTEGER NOT NULL UNIQUE,
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_index INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  phase TEXT,
  role TEXT CHECK (role = 'drafter' OR role = 'verifier' OR role = 'executor'),
  state_snapshot TEXT CHECK (state_snapshot IS NULL OR json_valid(state_snapshot)),
  inputs_hash TEXT,
  outputs_hash TEXT,
  drafter_agent_id TEXT,
  verifier_agent_id TEXT,
  status TEXT NOT NULL DEFAULT 'created' CHECK (status = 'created' OR status = 'complete'
    OR status = 'failed' OR status = 'rolled_back'),
  error_details TEXT CHECK (error_details IS NULL OR json_valid(error_details)),
  previous_checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
  rollback_data TEXT CHECK (rollback_data IS NULL OR json_valid(rollback_data)),
  created_at INTEGER NOT NULL,
  completed_at INTEGER
) STRICT;
INSERT INTO checkpoints_rebuilt (
  id, checkpoint_uuid, global_sequence, project_id, task_id, run_id, step_index, step_name, phase,
  role, state_snapshot, inputs_hash, outputs_hash, drafter_agent_id, verifier_agent_id, status,
  error_details, previous_checkpoint_id, rollback_data, created_at, completed_at)
SELECT
  id, checkpoint_uuid, global_sequence, project_id, task_id, run_id, step_index, step_name, phase,
  role, state_snapshot, inputs_hash, outputs_hash, drafter_agent_id, verifier_agent_id, status,
  error_details, previous_checkpoint_id, rollback_data, created_at, completed_at FROM checkpoints;
DROP TABLE checkpoints;
ALTER TABLE checkpoints_rebuilt RENAME TO checkpoints;
CREATE INDEX checkpoints_by_run ON checkpoints (run_id, global_sequence);

CREATE TABLE run_logs_rebuilt (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_id TEXT,
  stream TEXT NOT NULL CHECK (stream = 'stdout' OR stream = 'stderr' OR stream = 'system'),
  level TEXT NOT NULL DEFAULT 'info' CHECK (level = 'debug' OR level = 'info' OR level = 'warn'
    OR level = 'error'),
  message TEXT NOT NULL,
  logged_at INTEGER NOT NULL
) STRICT;
INSERT INTO run_logs_rebuilt (id, run_id, step_id, stream, level, message, logged_at)
SELECT id, run_id, step_id, stream, level, message, logged_at FROM run_logs;
DROP TABLE run_logs;
ALTER TABLE run_logs_rebuilt RENAME TO run_logs;
CREATE INDEX run_logs_by_run ON run_logs (run_id, id);

CREATE TABLE approvals_rebuilt (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  step_id TEXT,
  question TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'approved'
    OR status = 'rejected' OR status = 'expired'),
  decision_input TEXT CHECK (decision_input IS NULL OR json_valid(decision_input)),
  decided_by TEXT,
  decided_at INTEGER,
  expires_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO approvals_rebuilt (
  id, run_id, task_id, step_id, question, context, status, decision_input, decided_by, decided_at,
  expires_at, created_at)
SELECT
  id, run_id, task_id, step_id, question, context, status, decision_input, decided_by, decided_at,
  expires_at, created_at FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_rebuilt RENAME TO approvals;
CREATE INDEX approvals_pending ON approvals (status, created_at);

CREATE TABLE occurrences_rebuilt (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  occurrence_at INTEGER NOT NULL,
  outcome TEXT NOT NULL
    CHECK (outcome = 'fired' OR outcome = 'caught_up' OR outcome = 'missed'
      OR outcome = 'skipped_overlap' OR outcome = 'paused' OR outcome = 'snoozed'
      OR outcome = 'clock_change'),
  -- Why: for missed and caught-up occurrences what kept them from their time (asleep, not_running,
  -- clock_moved_forward, clock_set_back, late), for snoozed ones skipped or delayed.
  cause TEXT CHECK (cause IS NULL OR (cause = 'asleep' OR cause = 'not_running'
    OR cause = 'clock_moved_forward' OR cause = 'clock_set_back' OR cause = 'late'
    OR cause = 'scheduler_paused' OR cause = 'skipped' OR cause = 'delayed')),
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  -- A snooze that delayed the occurrence: when it was then due.
  delayed_to INTEGER,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, occurrence_at)
) STRICT;
INSERT INTO occurrences_rebuilt (
  task_id, occurrence_at, outcome, cause, run_id, delayed_to, recorded_at)
SELECT task_id, occurrence_at, outcome, cause, run_id, delayed_to, recorded_at FROM occurrences;
DROP TABLE occurrences;
ALTER TABLE occurrences_rebuilt RENAME TO occurrences;
CREATE INDEX occurrences_by_run ON occurrences (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX occurrences_by_time ON occurrences (occurrence_at);
