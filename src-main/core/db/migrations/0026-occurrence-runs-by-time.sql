-- One run per scheduled occurrence, keyed by the occurrence's time first: the runs of a burst share
-- their scheduled time, so their entries go side by side at the end of the index instead of one
-- per task scattered over every page, which with 100,000 runs meant writing most of the index on
-- every burst. The constraint is the same pair of columns; a task's occurrences in a time window are
-- found through runs_by_task.
DROP INDEX runs_one_per_occurrence;
CREATE UNIQUE INDEX runs_one_per_occurrence ON runs (scheduled_for, task_id)
  WHERE trigger IN ('schedule', 'catch_up') AND attempt = 1;
