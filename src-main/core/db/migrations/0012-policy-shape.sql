-- A task's retry and notification policies are stored in the API's own shape (camelCase keys), so
-- the store, the queue, the notification centre and the API read one form and nothing translates.
-- Values keep their JSON types; keys this version does not know are carried over unchanged.
UPDATE tasks SET retry_policy = (
  SELECT json_group_object(
    CASE key
      WHEN 'max_attempts' THEN 'maxAttempts'
      WHEN 'base_delay_ms' THEN 'baseDelayMs'
      WHEN 'max_delay_ms' THEN 'maxDelayMs'
      ELSE key
    END,
    CASE WHEN type IN ('object', 'array', 'true', 'false', 'null') THEN json(CASE type
      WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE value END)
    ELSE value END)
  FROM json_each(tasks.retry_policy)
)
WHERE json_valid(retry_policy) AND json_type(retry_policy) = 'object';

UPDATE tasks SET notification_policy = (
  SELECT json_group_object(
    CASE key
      WHEN 'on_success' THEN 'onSuccess'
      WHEN 'on_failure' THEN 'onFailure'
      WHEN 'on_halt' THEN 'onHalt'
      WHEN 'on_approval' THEN 'onApproval'
      WHEN 'on_budget_warning' THEN 'onBudgetWarning'
      ELSE key
    END,
    CASE WHEN type IN ('object', 'array', 'true', 'false', 'null') THEN json(CASE type
      WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE value END)
    ELSE value END)
  FROM json_each(tasks.notification_policy)
)
WHERE json_valid(notification_policy) AND json_type(notification_policy) = 'object';
