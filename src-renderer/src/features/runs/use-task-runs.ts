// One task's run history, newest first: the 20 newest from runs.list, more on demand, and kept
// live from run:queued / run:updated (refetched whenever the event stream (re)connects).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Run } from '../../api/contract-types';
import { upsertRun } from '../../lib/run-format';

export const RUNS_PAGE_SIZE = 20;

export function useTaskRuns(taskId: string) {
  const api = useApi();
  const [runs, setRuns] = useState<Run[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(RUNS_PAGE_SIZE);

  const refetch = useCallback(async () => {
    try {
      const page = await api.call('runs.list', { taskId, limit: shown.current });
      setRuns(page.items);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoaded(true);
    }
  }, [api, taskId]);

  useEffect(
    () =>
      api.listen({
        onMessage(message) {
          if (message.event !== 'run:queued' && message.event !== 'run:updated') return;
          const { run } = message.data;
          if (run.taskId !== taskId) return;
          setRuns((current) => {
            if (message.event === 'run:queued' && !current.some((r) => r.id === run.id)) setTotal((t) => t + 1);
            return upsertRun(current, run);
          });
        },
        onStatus(status) {
          if (status === 'live') void refetch();
        },
      }),
    [api, taskId, refetch],
  );

  const loadMore = useCallback(async () => {
    setLoadingMore(true);
    try {
      const page = await api.call('runs.list', { taskId, limit: RUNS_PAGE_SIZE, offset: runs.length });
      shown.current = runs.length + RUNS_PAGE_SIZE;
      setRuns((current) => {
        const known = new Set(current.map((r) => r.id));
        return [...current, ...page.items.filter((r) => !known.has(r.id))];
      });
      setTotal(page.total);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  }, [api, taskId, runs.length]);

  return { runs, total, loaded, error, loadingMore, loadMore, refetch };
}
