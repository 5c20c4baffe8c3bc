// The task the form is open for: the board's copy when it lists it (kept live), otherwise read from
// the host, since a link (the graph, the palette) can open any task, not only those in view.
import type { BoardTask, Task } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

export type EditedTask =
  { state: 'none' } | { state: 'new' } | { state: 'loading' } | { state: 'open'; task: Task } | { state: 'missing' };

export function useEditedTask(taskParam: string, boardTasks: ReadonlyMap<string, BoardTask>): EditedTask {
  const onBoard = taskParam && taskParam !== 'new' ? boardTasks.get(taskParam) : undefined;
  const fetched = useLiveCall(
    'tasks.get',
    { id: taskParam },
    {
      enabled: Boolean(taskParam) && taskParam !== 'new' && !onBoard,
      apply: (task, message) =>
        message.event === 'task:updated' && message.data.task.id === task.id ? message.data.task : task,
    },
  );
  if (!taskParam) return { state: 'none' };
  if (taskParam === 'new') return { state: 'new' };
  if (onBoard) return { state: 'open', task: onBoard };
  if (fetched.value) return { state: 'open', task: fetched.value };
  if (fetched.error) return { state: 'missing' };
  return { state: 'loading' };
}
