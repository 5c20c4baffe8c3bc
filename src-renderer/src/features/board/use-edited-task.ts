// The task the form is open for, read whole from the host (the board lists only what its cards
// show) and kept live from task:updated and task:progress pushes; a link (the graph, the palette)
// can open any task.
import type { Task } from '../../api/contract-types';
import { useState } from 'react';
import { useLiveCall } from '../../api/use-live-call';

export type EditedTask =
  { state: 'none' } | { state: 'new' } | { state: 'loading' } | { state: 'open'; task: Task } | { state: 'missing' };

export function useEditedTask(taskParam: string): EditedTask {
  const fetched = useLiveCall(
    'tasks.get',
    { id: taskParam },
    {
      enabled: Boolean(taskParam) && taskParam !== 'new',
      apply: (task, message) => {
        if (message.event === 'task:updated' && message.data.task.id === task.id) return message.data.task;
        if (message.event === 'task:progress' && message.data.task.id === task.id)
          return { ...task, ...message.data.task };
        return task;
      },
      // A run's end adds to the task's actual hours, which its progress push leaves out.
      refetchOn: (message, task) =>
        message.event === 'task:progress' &&
        message.data.task.id === task?.id &&
        message.data.task.status !== 'running',
    },
  );
  // While the task is read again (after a save or a reconnection) the form keeps the last copy, so
  // it is not closed and opened again under the person's hands.
  const [lastOpen, setLastOpen] = useState<Task | undefined>(undefined);
  const current = fetched.value?.id === taskParam ? fetched.value : undefined;
  if (current && current !== lastOpen) setLastOpen(current);
  const task = current ?? (lastOpen?.id === taskParam ? lastOpen : undefined);
  if (!taskParam) return { state: 'none' };
  if (taskParam === 'new') return { state: 'new' };
  if (task) return { state: 'open', task };
  if (fetched.error) return { state: 'missing' };
  return { state: 'loading' };
}
