-- Run conditions: a task may ask to run only on AC power, only after the user has been idle for a
-- while, or not while the battery is low. A JSON object; {} means no conditions.
ALTER TABLE tasks ADD COLUMN conditions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(conditions) AND json_type(conditions) = 'object');

-- Why a queued run is held back by its task's conditions ("Waiting for AC power"); NULL when it is
-- not. Kept apart from waiting_reason, which the dependency gate owns and clears on its own events.
ALTER TABLE runs ADD COLUMN condition_reason TEXT;
