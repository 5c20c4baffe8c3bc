-- Nothing grows forever: finished runs are pruned after the retention period, and the pages they
-- free go back to the file system a few at a time.
--
-- INCREMENTAL auto_vacuum lets `PRAGMA incremental_vacuum` return free pages after each pruning
-- without rewriting the whole file. On a database that has tables the mode takes effect at the
-- next VACUUM, which db/open.ts runs once, outside this migration's transaction.
PRAGMA auto_vacuum = INCREMENTAL;

-- Pruning looks for the oldest finished runs, and then for their timeline events.
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX events_by_run ON events (run_id) WHERE run_id IS NOT NULL;
