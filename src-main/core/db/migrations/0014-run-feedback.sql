-- What a run achieved: each success criterion's result (met, unmet, judged by the verifier, not
-- checked) and the run's completion summary, written once the run has ended.
CREATE TABLE run_assessments (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  criteria TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(criteria) AND json_type(criteria) = 'array'),
  summary TEXT,
  assessed_at INTEGER NOT NULL
) STRICT;

-- People's ratings of a run or of a task as a whole: one per run, and one per task without a run.
CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  run_id TEXT REFERENCES runs(id) ON DELETE CASCADE,
  quality INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
  timeliness INTEGER NOT NULL CHECK (timeliness BETWEEN 1 AND 5),
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX ratings_one_per_subject ON ratings (task_id, COALESCE(run_id, ''));
CREATE INDEX ratings_by_time ON ratings (updated_at DESC);
