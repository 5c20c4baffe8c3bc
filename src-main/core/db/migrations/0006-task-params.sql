-- Param values stored on a task: what its scheduled runs are given, and what a manual run starts
-- from before its own values override them. A JSON object of param name to value.
ALTER TABLE tasks ADD COLUMN params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object');
