// How many timeline events are unread, shared by the header's badge and the Activity page: kept
// live from the push events that record timeline events, and set at once by a mark-read answer.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLiveCall } from '../api/use-live-call';

interface UnreadEvents {
  count: number | null;
  /** A mark-read call answered with the new count. */
  set(count: number): void;
  refetch(): Promise<void>;
}

const UnreadContext = createContext<UnreadEvents>({ count: null, set: () => {}, refetch: async () => {} });

export function UnreadEventsProvider({ children }: { children: ReactNode }) {
  const live = useLiveCall(
    'events.list',
    { limit: 1 },
    {
      // Every state change the runtime pushes also writes a timeline event.
      refetchOn: () => true,
      throttleMs: 1000,
      select: (page) => page.unread,
    },
  );
  const { update, refetch } = live;
  const value = useMemo(
    () => ({ count: live.value ?? null, set: (n: number) => update(() => n), refetch }),
    [live.value, update, refetch],
  );
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnreadEvents(): UnreadEvents {
  return useContext(UnreadContext);
}
