// One task's run history, newest first: the 20 newest from runs.list, more on demand, and kept
// live from run:queued / schedule:fired / run:updated (refetched whenever the event stream (re)connects).
import { useCallback, useState } from 'react';
import type { PushMessage, RunPage } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { upsertRun } from '../../lib/run-format';

export const RUNS_PAGE_SIZE = 20;

function applyPush(taskId: string, page: RunPage, message: PushMessage): RunPage {
  if (message.event === 'schedule:fired') {
    return message.data.runs
      .filter((run) => run.taskId === taskId)
      .reduce((p, run) => applyPush(taskId, p, { event: 'run:queued', data: { run } }), page);
  }
  if (message.event !== 'run:queued' && message.event !== 'run:updated') return page;
  const { run } = message.data;
  if (run.taskId !== taskId) return page;
  const isNew = message.event === 'run:queued' && !page.items.some((r) => r.id === run.id);
  return { ...page, items: upsertRun(page.items, run), total: isNew ? page.total + 1 : page.total };
}

export function useTaskRuns(taskId: string) {
  // Loading more asks for a longer list, so a refetch after a reconnection keeps what is shown.
  const [limit, setLimit] = useState(RUNS_PAGE_SIZE);
  const live = useLiveCall(
    'runs.list',
    { taskId, limit },
    { keepPrevious: true, apply: (page, message) => applyPush(taskId, page, message) },
  );
  const runs = live.value?.items ?? [];
  const shown = runs.length;
  const loadMore = useCallback(() => setLimit(shown + RUNS_PAGE_SIZE), [shown]);

  return {
    runs,
    total: live.value?.total ?? 0,
    loaded: live.value !== undefined || live.error !== null,
    error: live.error?.message ?? null,
    loadingMore: live.loading && live.value !== undefined,
    loadMore,
    refetch: live.refetch,
  };
}
