-- Ridgeline queues runs; it never inserts one already ended. The trigger that logged an inserted
-- ended run for the board ran on every insert all the same, and cost a burst of 1,000 scheduled
-- runs several milliseconds. The board now finds runs written ended by another connection (an
-- import, a benchmark's fill) from the rows added to runs since it last looked.
DROP TRIGGER board_changes_run_written_ended;
