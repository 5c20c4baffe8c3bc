-- Wake to run: a task may ask the host to wake the computer from sleep shortly before its next run.
ALTER TABLE tasks ADD COLUMN wake_to_run INTEGER NOT NULL DEFAULT 0 CHECK (wake_to_run IN (0, 1));
