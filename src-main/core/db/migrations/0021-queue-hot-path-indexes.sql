-- Indexes for the reads the worker and the deadline watch make on every run: whether any queued run
-- is held for its run conditions (every worker tick), and which tasks have a deadline (every task
-- change). Both sets are almost always empty, yet without an index each read walked every queued
-- run or every task, once per run started or finished.
CREATE INDEX runs_held_for_conditions ON runs (status) WHERE condition_reason IS NOT NULL;
CREATE INDEX tasks_with_deadline ON tasks (deadline_at) WHERE deadline_at IS NOT NULL;
