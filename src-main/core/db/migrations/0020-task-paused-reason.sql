-- Why a task is paused, when something other than a person paused it (a template installed before
-- what it needs was there). Cleared when the task is resumed.
ALTER TABLE tasks ADD COLUMN paused_reason TEXT;
