-- The next run to wake the computer for is read again on every push that may move it. Without an
-- index the read walked every scheduled task in next-run order and sorted their ties (2.8 ms at
-- 10,000 tasks, none of them waking), and in the seconds after a start that took half a second of
-- the host's time from every answer. Few tasks wake the computer: the index holds only those.
CREATE INDEX tasks_wake_due ON tasks (next_run_at, id) WHERE wake_to_run = 1 AND paused = 0 AND next_run_at IS NOT NULL;
