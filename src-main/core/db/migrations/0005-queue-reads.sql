-- Two reads the worker makes on every tick or step, which walked more rows than they return.
--
-- A run's checkpoints are read, and the latest one chained to, in global_sequence order; indexed by
-- (run_id, step_index) that took a sort for every step of every run.
DROP INDEX checkpoints_by_run;
CREATE INDEX checkpoints_by_run ON checkpoints (run_id, global_sequence);

-- Overlap protection looks for scheduled runs still queued; by status alone it read every queued
-- run on every tick. This index holds only the runs it may skip.
CREATE INDEX runs_scheduled_queued ON runs (task_id) WHERE status = 'queued' AND trigger IN ('schedule', 'catch_up');
