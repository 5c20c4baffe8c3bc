// The queue's state for the header: queue.status on load, on every (re)connection, and again at most
// once a second while run:* events arrive.
import { useLiveCall } from '../../api/use-live-call';

const THROTTLE_MS = 1000;

export function useQueueStatus() {
  const { value, error } = useLiveCall(
    'queue.status',
    {},
    {
      refetchOn: ['run:queued', 'schedule:fired', 'run:updated'],
      throttleMs: THROTTLE_MS,
    },
  );
  return { status: value ?? null, error: error?.message ?? null };
}
