-- The run queue. waiting_reason: the dependency gate said "not yet" (re-checked when a dependency
-- finishes); blocked_reason: a dependency failed, so the run waits for the user or a later success.
-- cancel_requested marks a running run whose cancellation its worker has not finished yet;
-- interrupted marks a run re-queued after a shutdown or crash, so it resumes from its checkpoints.
ALTER TABLE runs ADD COLUMN waiting_reason TEXT;
ALTER TABLE runs ADD COLUMN blocked_reason TEXT;
ALTER TABLE runs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1));
ALTER TABLE runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1));

-- The lease query walks queued runs through 0001's runs_queue index; this one lets it count the
-- running runs per task (and per concurrency key) without scanning the history.
CREATE INDEX runs_running ON runs (task_id) WHERE status = 'running';
