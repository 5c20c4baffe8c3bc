-- The board keeps each task's idle facts (schedule kind, whether a next run is set, paused, the
-- status of its latest ended run) in memory instead of reading every task and run on each list.
-- These triggers log the task of every write that can change those facts, whichever code path or
-- connection makes it, so a reader refreshes only the tasks logged since it last looked. Runs that
-- are queued, running or waiting for the user are read from their status index on each list.
CREATE TABLE board_changes (
  seq INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL
) STRICT;

CREATE TRIGGER board_changes_run_ended AFTER UPDATE OF status ON runs
WHEN OLD.status IS NOT NEW.status
  AND (NEW.status IN ('succeeded', 'failed', 'cancelled', 'timed_out')
    OR OLD.status IN ('succeeded', 'failed', 'cancelled', 'timed_out'))
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.task_id);
END;

CREATE TRIGGER board_changes_run_written_ended AFTER INSERT ON runs
WHEN NEW.status IN ('succeeded', 'failed', 'cancelled', 'timed_out')
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.task_id);
END;

CREATE TRIGGER board_changes_run_deleted AFTER DELETE ON runs
WHEN OLD.status IN ('succeeded', 'failed', 'cancelled', 'timed_out')
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.task_id);
END;

CREATE TRIGGER board_changes_run_moved AFTER UPDATE OF task_id, queued_at ON runs
WHEN OLD.task_id IS NOT NEW.task_id OR OLD.queued_at IS NOT NEW.queued_at
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.task_id);
  INSERT INTO board_changes (task_id) VALUES (NEW.task_id);
END;

CREATE TRIGGER board_changes_task_added AFTER INSERT ON tasks
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.id);
END;

CREATE TRIGGER board_changes_task_deleted AFTER DELETE ON tasks
BEGIN
  INSERT INTO board_changes (task_id) VALUES (OLD.id);
END;

-- A next run's time changes on every fire; only whether one is set places a task.
CREATE TRIGGER board_changes_task_changed AFTER UPDATE OF schedule_kind, next_run_at, paused ON tasks
WHEN OLD.schedule_kind IS NOT NEW.schedule_kind
  OR (OLD.next_run_at IS NULL) IS NOT (NEW.next_run_at IS NULL)
  OR OLD.paused IS NOT NEW.paused
BEGIN
  INSERT INTO board_changes (task_id) VALUES (NEW.id);
END;

-- The log keeps its last 10,000 entries; a reader further behind reads every task again.
CREATE TRIGGER board_changes_pruned AFTER INSERT ON board_changes
WHEN NEW.seq % 1000 = 0
BEGIN
  DELETE FROM board_changes WHERE seq <= NEW.seq - 10000;
END;

-- The default order of tasks.list walks an index, so a page stops reading once it is full.
CREATE INDEX tasks_by_updated ON tasks (updated_at DESC, id);

-- scheduler.status's next task and the scheduler's due tasks are read in next_run_at order, the
-- most urgent first among tasks due at the same instant: with priority in the index, a burst of
-- 1,000 tasks due at once is no longer sorted to find the first.
DROP INDEX tasks_due;
CREATE INDEX tasks_due ON tasks (next_run_at, priority DESC) WHERE next_run_at IS NOT NULL AND paused = 0;
