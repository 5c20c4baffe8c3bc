-- Indexes for the reads that grow with the run history: the runs list newest first (all runs, one
-- task's, or one status's) walks an index in list order instead of sorting the whole table, and the
-- retry chain of a run (runs.get, failed-run notifications) is found by retry_of without a scan.
CREATE INDEX runs_by_queued ON runs (queued_at DESC, id);
CREATE INDEX runs_by_status_queued ON runs (status, queued_at DESC, id);
DROP INDEX runs_by_task;
CREATE INDEX runs_by_task ON runs (task_id, queued_at DESC, id);
CREATE INDEX runs_by_retry_of ON runs (retry_of, attempt, queued_at) WHERE retry_of IS NOT NULL;
