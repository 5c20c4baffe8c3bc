-- The occurrence ledger: one row per occurrence a schedule was due to have, with what became of it,
-- so no occurrence is dropped without a trace. An occurrence has one outcome; a later fact about it
-- (its run was skipped by the overlap policy, a delayed occurrence fired) replaces the earlier one.
CREATE TABLE occurrences (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  occurrence_at INTEGER NOT NULL,
  outcome TEXT NOT NULL
    CHECK (outcome IN ('fired', 'caught_up', 'missed', 'skipped_overlap', 'paused', 'snoozed', 'clock_change')),
  -- Why: for missed and caught-up occurrences what kept them from their time (asleep, not_running,
  -- clock_moved_forward, clock_set_back, late), for snoozed ones skipped or delayed.
  cause TEXT CHECK (cause IS NULL OR cause IN ('asleep', 'not_running', 'clock_moved_forward', 'clock_set_back',
    'late', 'scheduler_paused', 'skipped', 'delayed')),
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
  -- A snooze that delayed the occurrence: when it was then due.
  delayed_to INTEGER,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, occurrence_at)
) STRICT;

CREATE INDEX occurrences_by_run ON occurrences (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX occurrences_by_time ON occurrences (occurrence_at);

-- A paused task's next occurrence when it was paused: on resume, every occurrence from there to
-- the resume is recorded as paused.
CREATE TABLE task_pauses (
  task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
  paused_at INTEGER NOT NULL,
  next_occurrence_at INTEGER
) STRICT;
