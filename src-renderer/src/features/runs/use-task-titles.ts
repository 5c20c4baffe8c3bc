// Task titles by id for run lists and filters: the first 500 tasks by title, kept live.
import { useMemo } from 'react';
import type { Task } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

const NONE: Task[] = [];

export function useTaskTitles() {
  const live = useLiveCall(
    'tasks.list',
    { sort: 'title', limit: 500 },
    { refetchOn: ['task:created', 'task:updated', 'task:deleted'], throttleMs: 1000 },
  );
  const tasks = live.value?.items ?? NONE;
  const titles = useMemo(() => new Map(tasks.map((t) => [t.id, t.title])), [tasks]);
  return { tasks, titles };
}
