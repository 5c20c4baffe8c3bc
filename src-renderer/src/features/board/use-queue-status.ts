// The queue's state for the header: queue.status on load, on every (re)connection, and again at most
// once a second while run:* events arrive.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { QueueStatus } from '../../api/contract-types';

const THROTTLE_MS = 1000;

export function useQueueStatus() {
  const api = useApi();
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastFetch = 0;
    let stopped = false;
    const fetchNow = () => {
      timer = undefined;
      lastFetch = Date.now();
      api.call('queue.status', {}).then(
        (value) => {
          if (stopped) return;
          setStatus(value);
          setError(null);
        },
        (e: unknown) => !stopped && setError(e instanceof Error ? e.message : String(e)),
      );
    };
    // Leading and trailing: the first event refreshes at once, a burst ends with one more refresh.
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(fetchNow, Math.max(0, lastFetch + THROTTLE_MS - Date.now()));
    };
    const stop = api.listen({
      onMessage(message) {
        if (message.event === 'run:queued' || message.event === 'run:updated') schedule();
      },
      onStatus(s) {
        if (s === 'live') schedule();
      },
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stop();
    };
  }, [api]);

  return { status, error };
}
