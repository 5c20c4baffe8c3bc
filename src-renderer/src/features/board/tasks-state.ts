// The board's task list as a pure reducer: list results replace it, push events patch it.
import type { PushMessage, Task } from '../../api/contract-types';

export interface TasksState {
  tasks: ReadonlyMap<string, Task>;
  total: number;
  loaded: boolean;
  /** The search the list was loaded with; pushed tasks that do not match it stay off the board. */
  search: string;
}

export type TasksAction =
  | { type: 'loaded'; tasks: Task[]; total: number; search: string }
  | { type: 'push'; message: PushMessage }
  | { type: 'saved'; task: Task }
  | { type: 'removed'; id: string };

export const initialTasksState: TasksState = { tasks: new Map(), total: 0, loaded: false, search: '' };

/** Mirrors the server's search (title or description contains it, ignoring case), for pushed tasks. */
export function matchesSearch(task: Task, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return task.title.toLowerCase().includes(needle) || task.description.toLowerCase().includes(needle);
}

function upsert(state: TasksState, task: Task): TasksState {
  const existing = state.tasks.get(task.id);
  // Out-of-order arrivals (a save's answer after a newer push) must not roll a card back.
  if (existing && existing.updatedAt > task.updatedAt) return state;
  if (!matchesSearch(task, state.search)) return remove(state, task.id);
  const tasks = new Map(state.tasks);
  tasks.set(task.id, task);
  return { ...state, tasks, total: existing ? state.total : state.total + 1 };
}

function remove(state: TasksState, id: string): TasksState {
  if (!state.tasks.has(id)) return state;
  const tasks = new Map(state.tasks);
  tasks.delete(id);
  return { ...state, tasks, total: Math.max(0, state.total - 1) };
}

function applyPush(state: TasksState, message: PushMessage): TasksState {
  switch (message.event) {
    case 'task:created':
    case 'task:updated':
      return upsert(state, message.data.task);
    case 'task:deleted':
      return remove(state, message.data.id);
    // A queued run or a scheduler change shows up on a card through the task:updated that follows.
    case 'run:queued':
    case 'run:updated':
    case 'run:log':
    case 'scheduler:updated':
    case 'settings:updated':
    case 'approval:created':
    case 'approval:updated':
      return state;
    default: {
      const unknownEvent: never = message;
      return unknownEvent;
    }
  }
}

export function tasksReducer(state: TasksState, action: TasksAction): TasksState {
  switch (action.type) {
    case 'loaded':
      return {
        ...state,
        tasks: new Map(action.tasks.map((t) => [t.id, t])),
        total: action.total,
        search: action.search,
        loaded: true,
      };
    case 'push':
      return state.loaded ? applyPush(state, action.message) : state;
    case 'saved':
      return upsert(state, action.task);
    case 'removed':
      return remove(state, action.id);
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
}

/** Tasks of one status, most recently updated first. */
export function tasksWithStatus(tasks: ReadonlyMap<string, Task>, status: Task['status']): Task[] {
  return [...tasks.values()]
    .filter((t) => t.status === status)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}
