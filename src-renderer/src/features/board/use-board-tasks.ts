// Keeps the board's tasks current for a view: one tasks.list (up to PER_COLUMN tasks of each column,
// with the true count of each), pushes patching the task they name, and the list asked again at
// most once a second while tasks and runs change, since only the host says where a task now stands.
import { useCallback } from 'react';
import { useLiveCall } from '../../api/use-live-call';
import { boardListInput, type BoardView } from './board-view';
import { applyPush, initialTasksState, loadedState, movesTasks, type TasksState } from './tasks-state';

export const PER_COLUMN = 200;
const REFRESH_THROTTLE_MS = 1000;

/** The tasks, and the search they answer (the box may hold a newer one). */
type BoardTasksState = TasksState & { search: string };

export function useBoardTasks(view: BoardView) {
  const live = useLiveCall<'tasks.list', BoardTasksState>('tasks.list', boardListInput(view, PER_COLUMN), {
    // The previous view's cards stay up until the new view answers.
    keepPrevious: true,
    select: (page, input, previous) => ({ ...loadedState(page, previous), search: input.search ?? '' }),
    apply: (state, message) => {
      const next = applyPush(state, message);
      return next === state ? state : { ...next, search: state.search };
    },
    refetchOn: movesTasks,
    throttleMs: REFRESH_THROTTLE_MS,
  });
  const { refetch } = live;

  // A saved or deleted task is placed by the host; the form's answer lacks the board's fields.
  const changed = useCallback(() => void refetch(), [refetch]);

  return {
    ...(live.value ?? { ...initialTasksState, search: view.q.trim() }),
    loading: live.loading,
    loadError: live.error,
    refetch,
    changed,
  };
}
