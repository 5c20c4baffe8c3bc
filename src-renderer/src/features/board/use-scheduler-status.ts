// Keeps the scheduler's status current for the header: fetched on start and on every (re)connection,
// replaced by scheduler:updated pushes, and refetched (throttled) when tasks or runs change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { SchedulerStatus } from '../../api/contract-types';

const REFRESH_THROTTLE_MS = 1000;

export function useSchedulerStatus() {
  const api = useApi();
  const [status, setStatus] = useState<SchedulerStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each fetch or push bumps it, so an older answer never replaces a newer status.
  const version = useRef(0);

  const accept = useCallback((next: SchedulerStatus) => {
    version.current += 1;
    setStatus(next);
    setError(null);
  }, []);

  const refresh = useCallback(() => {
    const asked = ++version.current;
    api.call('scheduler.status', {}).then(
      (next) => asked === version.current && accept(next),
      (e: unknown) => asked === version.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, accept]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRefresh = 0;
    // At most one refresh a second, and always one after the last change of a burst.
    const refreshSoon = () => {
      if (timer) return;
      const wait = Math.max(0, lastRefresh + REFRESH_THROTTLE_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRefresh = Date.now();
        refresh();
      }, wait);
    };
    const stop = api.listen({
      onMessage(message) {
        if (message.event === 'scheduler:updated') {
          accept((message.data as { status: SchedulerStatus }).status);
        } else {
          refreshSoon();
        }
      },
      onStatus(connection) {
        if (connection === 'live') refreshSoon();
      },
    });
    refresh();
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [api, refresh, accept]);

  const toggle = useCallback(async () => {
    if (!status) return;
    setBusy(true);
    try {
      accept(status.paused ? await api.call('scheduler.resume', {}) : await api.call('scheduler.pause', {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, [api, status, accept]);

  return { status, error, busy, toggle };
}
