-- Indexes for reads made on every run: whether any queued run is held for its run conditions (every
-- worker tick), and which tasks have a deadline (every task change). Both sets are almost always
-- empty, yet without an index each read walked every queued run or every task, once per run.
CREATE INDEX runs_held_for_conditions ON runs (status) WHERE condition_reason IS NOT NULL;
CREATE INDEX tasks_with_deadline ON tasks (deadline_at) WHERE deadline_at IS NOT NULL;
-- A task's actual hours sum the time its finished runs took, on every read of the task (twice per
-- run, for its task:updated push): from this index alone instead of from each run's row.
CREATE INDEX runs_time_by_task ON runs (task_id, finished_at, started_at) WHERE finished_at IS NOT NULL;
