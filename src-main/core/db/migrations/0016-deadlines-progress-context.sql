-- Deadlines, progress and memory between runs.
-- deadline_alerts: each at-risk and overdue notice told for a task's deadline, so a restart does
-- not tell it again; the deadline is part of the key, so a changed deadline is told afresh.
CREATE TABLE deadline_alerts (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  deadline_at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('at_risk', 'overdue')),
  fired_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, deadline_at, kind)
) STRICT;

-- task_progress: what a task's runs said of their progress (the task.progress tool), oldest first.
CREATE TABLE task_progress (
  id INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  step_id TEXT,
  percent REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX task_progress_by_task ON task_progress (task_id, id);
CREATE INDEX task_progress_by_run ON task_progress (run_id) WHERE run_id IS NOT NULL;

-- task_context_versions: a task's shared context, a JSON document; every write is a new version,
-- with the run and step that wrote it (none for a reset from the board or the API).
CREATE TABLE task_context_versions (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  document TEXT NOT NULL CHECK (json_valid(document) AND json_type(document) = 'object'),
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  step_id TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, version)
) STRICT;
CREATE INDEX task_context_by_run ON task_context_versions (run_id) WHERE run_id IS NOT NULL;
