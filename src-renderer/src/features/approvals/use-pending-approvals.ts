// The pending approvals, kept live: approvals.list on load and on every (re)connection, then the
// approval:created and approval:updated push events applied as they come; a run that stops waiting
// (cancelled) takes its approval with it.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Approval } from '../../api/contract-types';

export function usePendingApprovals() {
  const api = useApi();
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refetch = useCallback(
    () =>
      api.call('approvals.list', { status: 'pending' }).then(
        (list) => {
          setApprovals(list);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [api],
  );

  useEffect(() => {
    const stop = api.listen({
      onMessage(message) {
        if (message.event === 'approval:created') {
          const created = message.data.approval;
          setApprovals((list) => (list.some((a) => a.id === created.id) ? list : [created, ...list]));
        } else if (message.event === 'approval:updated') {
          const updated = message.data.approval;
          setApprovals((list) => list.filter((a) => a.id !== updated.id || updated.status === 'pending'));
        } else if (message.event === 'run:updated' && message.data.run.status !== 'awaiting_approval') {
          // A run cancelled while it waited leaves its question moot.
          const { run } = message.data;
          setApprovals((list) =>
            list.some((a) => a.runId === run.id) ? list.filter((a) => a.runId !== run.id) : list,
          );
        }
      },
      onStatus(status) {
        if (status === 'live') void refetch();
      },
    });
    return stop;
  }, [api, refetch]);

  /** Drops one the user just decided, without waiting for its push event. */
  const decided = useCallback((id: string) => setApprovals((list) => list.filter((a) => a.id !== id)), []);

  return { approvals, error, decided };
}
