// The Activity page's events: events.list with the filters, asked again (throttled) after any push,
// since every state change the runtime pushes also writes a timeline event.
import { useCallback, useState } from 'react';
import type { TimelineEvent } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

const PAGE = 100;
const MAX = 500;
const NONE: TimelineEvent[] = [];

export function useActivity({ type, taskId }: { type: string; taskId: string }) {
  const [limit, setLimit] = useState(PAGE);
  const live = useLiveCall(
    'events.list',
    { types: type ? [type] : undefined, taskId: taskId || undefined, limit },
    { keepPrevious: true, refetchOn: () => true, throttleMs: 1000 },
  );
  const { update } = live;
  const events = live.value?.items ?? NONE;

  const markedRead = useCallback(
    (ids: number[] | 'all') =>
      update((page) => ({
        ...page,
        items: page.items.map((e) => (ids === 'all' || ids.includes(e.id) ? { ...e, read: true } : e)),
      })),
    [update],
  );

  return {
    events,
    loaded: live.value !== undefined,
    error: live.error?.message ?? null,
    canLoadMore: live.value?.nextBeforeId != null && limit < MAX,
    loadMore: () => setLimit((n) => Math.min(n + PAGE, MAX)),
    markedRead,
  };
}
