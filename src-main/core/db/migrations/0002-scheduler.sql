-- Scheduler state. next_occurrence_at is the occurrence that next_run_at stands for: they differ
-- only while a snooze delays it, and the occurrence is what identifies a fire.
ALTER TABLE tasks ADD COLUMN next_occurrence_at INTEGER;
UPDATE tasks SET next_occurrence_at = next_run_at;

CREATE TABLE scheduler_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  paused_at INTEGER,
  heartbeat_at INTEGER,
  started_at INTEGER
) STRICT;
INSERT INTO scheduler_state (id) VALUES (1);
