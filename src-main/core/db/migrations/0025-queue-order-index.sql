-- The next run to lease is the first in (priority, scheduled time, queue time, id) order. The
-- queue index stopped at the scheduled time, so every lease sorted all the runs queued for the same
-- instant by their last two terms: after a burst of 1,000, each of its 1,000 leases read them all.
DROP INDEX runs_queue;
CREATE INDEX runs_queue ON runs (status, priority DESC, scheduled_for, queued_at, id);
