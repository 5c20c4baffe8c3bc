// The one hook for live data: a call's answer kept current from push events (see LiveCall), with
// its loading state and error. Feature hooks say what to ask and which events matter, nothing more.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useApi } from './api-context';
import type { ApiError } from './api-error';
import type { CallInput, CallName, CallOutput } from './contract-types';
import { LiveCall, type LiveCallOptions } from './live-call';
import type { ConnectionStatus } from './transport';

export interface UseLiveCallOptions<K extends CallName, T> extends LiveCallOptions<K, T> {
  /** False asks nothing (an empty form field); the state then reads as not loading. */
  enabled?: boolean;
  /** Keep showing the value (and error) of the previous input until the new one answers, as a
   * list does while its search changes. Otherwise a changed input reads as loading at once. */
  keepPrevious?: boolean;
}

export interface LiveCallResult<T> {
  value: T | undefined;
  error: ApiError | null;
  /** No answer yet for the current input. */
  loading: boolean;
  connection: ConnectionStatus;
  /** Asks again now (a retry button, after a change the server makes without a push). */
  refetch(): Promise<void>;
  /** Applies a local change now, and again onto an answer still in flight. */
  update(change: (current: T) => T): void;
}

export function useLiveCall<K extends CallName, T = CallOutput<K>>(
  name: K,
  input: CallInput<K>,
  options: UseLiveCallOptions<K, T> = {},
): LiveCallResult<T> {
  const api = useApi();
  const enabled = options.enabled ?? true;
  // Inputs are small plain objects; comparing them as JSON keeps callers free of memoisation.
  const requestKey = JSON.stringify([name, input]);
  const optionsRef = useRef(options);
  useLayoutEffect(() => {
    optionsRef.current = options;
  });
  const live = useMemo(() => new LiveCall<K, T>(api, name, optionsRef), [api, name]);
  const snapshot = useSyncExternalStore(live.watch, live.read);

  // Joining the stream comes first, so the request below is asked with the stream listening.
  useEffect(() => live.start(), [live]);
  useEffect(() => live.request(enabled ? requestKey : null), [live, enabled, requestKey]);

  const refetch = useCallback(() => live.refetch(), [live]);
  const update = useCallback((change: (current: T) => T) => live.update(change), [live]);

  const current = options.keepPrevious || snapshot.answerKey === requestKey;
  return {
    value: options.keepPrevious || snapshot.valueKey === requestKey ? snapshot.value : undefined,
    error: current ? snapshot.error : null,
    loading: enabled && snapshot.answerKey !== requestKey,
    connection: snapshot.connection,
    refetch,
    update,
  };
}
