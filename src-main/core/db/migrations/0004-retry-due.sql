-- The worker asks after every tick when the next retry falls due (min(next_attempt_at) of the
-- queued runs). Without an index that reads every queued run; this one holds only the runs that
-- wait for a retry, in due order.
CREATE INDEX runs_retry_due ON runs (next_attempt_at) WHERE status = 'queued' AND next_attempt_at IS NOT NULL;
