// Keeps the board's tasks current: lists them (with the search), applies push events as they
// arrive, and refetches on every (re)connection of the event stream so nothing missed stays missed.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { PushMessage, Task } from '../../api/contract-types';
import type { ConnectionStatus } from '../../api/transport';
import { initialTasksState, tasksReducer } from './tasks-state';

const LIST_LIMIT = 500;

export function useBoardTasks(search: string) {
  const api = useApi();
  const [state, dispatch] = useReducer(tasksReducer, initialTasksState);
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const requestSeq = useRef(0);
  // Pushes received while a list request is in flight, replayed on top of its result.
  const inFlightPushes = useRef<PushMessage[] | null>(null);
  // The stream's reconnect handler refetches with whatever search is current, without resubscribing.
  const searchRef = useRef(search);

  const refetch = useCallback(() => {
    const seq = ++requestSeq.current;
    const search = searchRef.current.trim();
    inFlightPushes.current = [];
    return api.call('tasks.list', { search: search || undefined, limit: LIST_LIMIT }).then(
      (page) => {
        if (seq !== requestSeq.current) return;
        const replay = inFlightPushes.current ?? [];
        inFlightPushes.current = null;
        setLoadError(null);
        dispatch({ type: 'loaded', tasks: page.items, total: page.total, search, replay });
      },
      (error: unknown) => {
        if (seq !== requestSeq.current) return;
        inFlightPushes.current = null;
        setLoadError(error instanceof ApiError ? error : new ApiError('bad_response', String(error)));
      },
    );
  }, [api]);

  useEffect(() => {
    searchRef.current = search;
    void refetch();
  }, [search, refetch]);

  useEffect(
    () =>
      api.listen({
        onMessage(message) {
          inFlightPushes.current?.push(message);
          dispatch({ type: 'push', message });
        },
        onStatus(status) {
          setConnection(status);
          if (status === 'live') void refetch();
        },
      }),
    [api, refetch],
  );

  const saved = useCallback((task: Task) => dispatch({ type: 'saved', task }), []);
  const removed = useCallback((id: string) => dispatch({ type: 'removed', id }), []);

  return { ...state, connection, loadError, refetch, saved, removed };
}
