// Every run, newest first, for the Runs page: the newest page kept live, older pages fetched by
// cursor as the list scrolls down. Cursors stay put while new runs arrive on top, so a refetch of
// the newest page joins onto what was already loaded without a gap or a repeat.
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { CallInput, PushMessage, RunSummary } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { upsertRun } from '../../lib/run-format';

export type RunsFilter = Omit<CallInput<'runs.list'>, 'limit' | 'offset' | 'cursor'>;

const PAGE_SIZE = 200;

interface Loaded {
  filterKey: string;
  runs: RunSummary[];
  total: number;
  /** False once a page came back short: nothing older is left. */
  more: boolean;
}

/** List order: queued newest first, then id. */
function before(a: RunSummary, b: RunSummary): boolean {
  return a.queuedAt > b.queuedAt || (a.queuedAt === b.queuedAt && a.id < b.id);
}

export function cursorOf(run: RunSummary): string {
  return `${Date.parse(run.queuedAt)}:${run.id}`;
}

/** The newest page, then the runs already loaded that come after its last run. */
function joinNewest(newest: RunSummary[], loaded: RunSummary[]): RunSummary[] {
  const last = newest.at(-1);
  if (!last) return newest;
  const seen = new Set(newest.map((r) => r.id));
  return [...newest, ...loaded.filter((r) => !seen.has(r.id) && before(last, r))];
}

function applyPush(state: Loaded, message: PushMessage): Loaded {
  if (message.event !== 'run:updated' || !state.runs.some((r) => r.id === message.data.run.id)) return state;
  return { ...state, runs: upsertRun(state.runs, message.data.run) };
}

export function useAllRuns(filter: RunsFilter) {
  const api = useApi();
  const filterKey = JSON.stringify(filter);
  const live = useLiveCall<'runs.list', Loaded>(
    'runs.list',
    { ...filter, limit: PAGE_SIZE },
    {
      keepPrevious: true,
      refetchOn: ['run:queued', 'schedule:fired', 'run:updated'],
      throttleMs: 1000,
      select: (page, _input, previous) => ({
        filterKey,
        runs: joinNewest(page.items, previous?.filterKey === filterKey ? previous.runs : []),
        total: page.total,
        more: previous?.filterKey === filterKey ? previous.more : page.nextCursor !== null,
      }),
      apply: applyPush,
    },
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const loading = useRef(false);
  const { update } = live;
  const current = live.value?.filterKey === filterKey ? live.value : undefined;
  const last = current?.runs.at(-1);
  const canLoadMore = Boolean(current?.more && last);

  const loadMore = useCallback(async () => {
    if (loading.current || !canLoadMore || !last) return;
    loading.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.call('runs.list', { ...filter, limit: PAGE_SIZE, cursor: cursorOf(last) });
      update((state) =>
        state.filterKey !== filterKey
          ? state
          : { ...state, runs: joinNewest(state.runs, page.items), more: page.nextCursor !== null },
      );
    } catch (e) {
      setMoreError(e instanceof Error ? e.message : String(e));
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
    // filter is read through filterKey: the same filter always has the same key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey, canLoadMore, last, update]);

  return {
    runs: current?.runs ?? [],
    total: current?.total ?? 0,
    loaded: current !== undefined,
    stale: live.value !== undefined && current === undefined,
    error: live.error?.message ?? moreError,
    canLoadMore,
    loadingMore,
    loadMore,
  };
}
