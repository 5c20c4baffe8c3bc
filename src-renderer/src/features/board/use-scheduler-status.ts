// Keeps the scheduler's status current for the header: fetched on start and on every (re)connection,
// replaced by scheduler:updated pushes, and refetched (throttled) when tasks or runs change.
import { useCallback, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useLiveCall } from '../../api/use-live-call';

const REFRESH_THROTTLE_MS = 1000;

export function useSchedulerStatus() {
  const api = useApi();
  const live = useLiveCall(
    'scheduler.status',
    {},
    {
      refetchOn: (message) => message.event !== 'scheduler:updated',
      throttleMs: REFRESH_THROTTLE_MS,
      apply: (current, message) => (message.event === 'scheduler:updated' ? message.data.status : current),
    },
  );
  const [busy, setBusy] = useState(false);
  const [toggleError, setToggleError] = useState<string | null>(null);
  const status = live.value ?? null;
  const { update } = live;

  const toggle = useCallback(async () => {
    if (!status) return;
    setBusy(true);
    try {
      const next = status.paused ? await api.call('scheduler.resume', {}) : await api.call('scheduler.pause', {});
      update(() => next);
      setToggleError(null);
    } catch (e) {
      setToggleError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, [api, status, update]);

  return { status, error: toggleError ?? live.error?.message ?? null, busy, toggle };
}
