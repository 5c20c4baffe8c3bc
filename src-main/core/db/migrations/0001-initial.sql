-- The first schema: every table of the data model. Times are INTEGER milliseconds since the
-- Unix epoch (UTC); JSON columns are TEXT checked with json_valid.

CREATE TABLE runtime_owner (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  instance_id TEXT NOT NULL,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  host_kind TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
) STRICT;

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  repo_url TEXT,
  work_dir TEXT,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  task_type TEXT NOT NULL DEFAULT 'general',
  priority INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'scheduled', 'running', 'blocked', 'halted', 'complete', 'failed')),
  current_phase TEXT
    CHECK (current_phase IN ('preparation', 'drafting', 'verification', 'execution', 'confirmation')),
  pipeline TEXT NOT NULL DEFAULT '{"steps":[]}' CHECK (json_valid(pipeline)),
  schedule_kind TEXT NOT NULL DEFAULT 'manual'
    CHECK (schedule_kind IN ('cron', 'rrule', 'once', 'interval', 'manual')),
  schedule_expr TEXT,
  schedule_timezone TEXT,
  misfire_policy TEXT NOT NULL DEFAULT 'run_once' CHECK (misfire_policy IN ('skip', 'run_once', 'run_all')),
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
  completed_at INTEGER
) STRICT;
CREATE INDEX tasks_by_status ON tasks (status, updated_at);
CREATE INDEX tasks_by_project ON tasks (project_id);
CREATE INDEX tasks_due ON tasks (next_run_at) WHERE next_run_at IS NOT NULL AND paused = 0;

CREATE TABLE task_dependencies (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  depends_on TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, depends_on),
  CHECK (task_id <> depends_on)
) STRICT;
CREATE INDEX task_dependencies_by_target ON task_dependencies (depends_on);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'catch_up', 'manual', 'retry', 'dependency', 'agent')),
  scheduled_for INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'awaiting_approval', 'halted', 'succeeded', 'failed', 'cancelled', 'timed_out')),
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
  output_tokens INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX runs_queue ON runs (status, priority DESC, scheduled_for);
CREATE INDEX runs_by_task ON runs (task_id, queued_at DESC);
-- One scheduled occurrence is fired once: the database refuses a second first attempt.
CREATE UNIQUE INDEX runs_one_per_occurrence ON runs (task_id, scheduled_for)
  WHERE trigger IN ('schedule', 'catch_up') AND attempt = 1;

CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  checkpoint_uuid TEXT NOT NULL UNIQUE,
  global_sequence INTEGER NOT NULL UNIQUE,
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_index INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  phase TEXT,
  role TEXT CHECK (role IN ('drafter', 'verifier', 'executor')),
  state_snapshot TEXT CHECK (state_snapshot IS NULL OR json_valid(state_snapshot)),
  inputs_hash TEXT,
  outputs_hash TEXT,
  drafter_agent_id TEXT,
  verifier_agent_id TEXT,
  status TEXT NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'complete', 'failed', 'rolled_back')),
  error_details TEXT CHECK (error_details IS NULL OR json_valid(error_details)),
  previous_checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
  rollback_data TEXT CHECK (rollback_data IS NULL OR json_valid(rollback_data)),
  created_at INTEGER NOT NULL,
  completed_at INTEGER
) STRICT;
CREATE INDEX checkpoints_by_run ON checkpoints (run_id, step_index);

CREATE TABLE api_usage (
  id INTEGER PRIMARY KEY,
  occurred_at INTEGER NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  operation TEXT NOT NULL,
  input_tokens INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  total_tokens INTEGER GENERATED ALWAYS AS (input_tokens + output_tokens) VIRTUAL,
  cost_usd REAL NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  latency_ms INTEGER,
  success INTEGER NOT NULL CHECK (success IN (0, 1)),
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  task_id TEXT REFERENCES tasks(id) ON DELETE SET NULL,
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  error_message TEXT,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata))
) STRICT;
CREATE INDEX api_usage_by_run ON api_usage (run_id);
CREATE INDEX api_usage_by_time ON api_usage (occurred_at);

CREATE TABLE run_logs (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_id TEXT,
  stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
  level TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message TEXT NOT NULL,
  logged_at INTEGER NOT NULL
) STRICT;
CREATE INDEX run_logs_by_run ON run_logs (run_id, id);

CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  step_id TEXT,
  question TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  decision_input TEXT CHECK (decision_input IS NULL OR json_valid(decision_input)),
  decided_by TEXT,
  decided_at INTEGER,
  expires_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX approvals_pending ON approvals (status, created_at);

-- The activity timeline. task_id and run_id are kept without foreign keys on purpose:
-- the history of a deleted task stays readable.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  task_id TEXT,
  run_id TEXT,
  summary TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_task ON events (task_id, id);
CREATE INDEX events_unread ON events (read, id);
