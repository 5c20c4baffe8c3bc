// The task the form is open for: the board's copy when it lists it (kept live), otherwise read from
// the host, since a link (the graph, the palette) can open any task, not only those in view.
import type { BoardTask, Task } from '../../api/contract-types';
import { useState } from 'react';
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
  // A task that leaves the board's page (a run moved it to another column) stays open while it is
  // read from the host, so the form is not closed and opened again under the person's hands.
  const [lastOpen, setLastOpen] = useState<Task | undefined>(undefined);
  const current = onBoard ?? fetched.value;
  if (current && current !== lastOpen) setLastOpen(current);
  const task = current ?? (lastOpen?.id === taskParam ? lastOpen : undefined);
  if (!taskParam) return { state: 'none' };
  if (taskParam === 'new') return { state: 'new' };
  if (task) return { state: 'open', task };
  if (fetched.error) return { state: 'missing' };
  return { state: 'loading' };
}
