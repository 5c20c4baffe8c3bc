-- Overlap protection reads a busy task's scheduled runs queued since its running run started
-- through runs_by_task (a run is queued at or after its occurrence), so the index of every queued
-- scheduled run it read before is no longer needed. Each scheduled run queued wrote an entry in it
-- on a page of its own task: about a millisecond of a burst of 1,000 fires.
DROP INDEX runs_scheduled_queued;
