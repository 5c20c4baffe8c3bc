-- The process groups steps have started and are waiting on, one row per group, written before the
-- step waits and removed once the group is gone. A row still here at start belongs to a host that
-- died: recovery stops what is left of the group before the run resumes, so a step never runs
-- twice at once. `started` is the process start time as the OS reports it ("linux:<boot id>:<ticks>",
-- "darwin:<lstart>"), which tells the recorded process from a later one given the same pid.
-- No foreign key on run_id: a group outlives a run deleted while the host was down, and must still
-- be stopped.
CREATE TABLE step_processes (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  pid INTEGER NOT NULL CHECK (pid > 0),
  pgid INTEGER NOT NULL CHECK (pgid > 0),
  started TEXT NOT NULL,
  command TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;
