// Keeps the board's tasks current: lists them (with the search), applies push events as they
// arrive, and refetches on every (re)connection of the event stream so nothing missed stays missed.
import { useCallback } from 'react';
import type { Task } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { initialTasksState, tasksReducer, type TasksState } from './tasks-state';

const LIST_LIMIT = 500;

export function useBoardTasks(search: string) {
  const trimmed = search.trim();
  const live = useLiveCall<'tasks.list', TasksState>(
    'tasks.list',
    { search: trimmed || undefined, limit: LIST_LIMIT },
    {
      // The previous search's cards stay up until the new search answers.
      keepPrevious: true,
      select: (page, input) =>
        tasksReducer(initialTasksState, {
          type: 'loaded',
          tasks: page.items,
          total: page.total,
          search: input.search ?? '',
        }),
      apply: (state, message) => tasksReducer(state, { type: 'push', message }),
    },
  );
  const { update } = live;

  const saved = useCallback((task: Task) => update((s) => tasksReducer(s, { type: 'saved', task })), [update]);
  const removed = useCallback((id: string) => update((s) => tasksReducer(s, { type: 'removed', id })), [update]);

  return {
    ...(live.value ?? initialTasksState),
    connection: live.connection,
    loadError: live.error,
    refetch: live.refetch,
    saved,
    removed,
  };
}
