// The board's tasks as a pure reducer: a tasks.list answer replaces them (keeping every unchanged
// task's object, so its memoized card does not re-render), and a push patches the one task it names.
import type { BoardTask, PushEvents, PushMessage, Run, Task, TaskColumn, TaskPage } from '../../api/contract-types';

export interface TasksState {
  tasks: ReadonlyMap<string, BoardTask>;
  /** How many of the view's tasks stand in each column, over every task the host has. */
  columns: Readonly<Record<TaskColumn, number>>;
  /** The tasks of each column in the host's order; a column's array is kept while none of its
   * tasks changed, so that column does not re-render. */
  byColumn: Readonly<Record<TaskColumn, readonly BoardTask[]>>;
  loaded: boolean;
}

const noCounts: Record<TaskColumn, number> = {
  scheduled: 0,
  waiting: 0,
  running: 0,
  attention: 0,
  failed: 0,
  done: 0,
};

const noTasks: Record<TaskColumn, readonly BoardTask[]> = {
  scheduled: [],
  waiting: [],
  running: [],
  attention: [],
  failed: [],
  done: [],
};

export const initialTasksState: TasksState = { tasks: new Map(), columns: noCounts, byColumn: noTasks, loaded: false };

const sameList = (a: readonly BoardTask[], b: readonly BoardTask[]) =>
  a.length === b.length && a.every((task, i) => task === b[i]);

function groupByColumn(
  tasks: ReadonlyMap<string, BoardTask>,
  previous: TasksState['byColumn'],
): TasksState['byColumn'] {
  const fresh: Record<TaskColumn, BoardTask[]> = {
    scheduled: [],
    waiting: [],
    running: [],
    attention: [],
    failed: [],
    done: [],
  };
  for (const task of tasks.values()) fresh[task.column].push(task);
  const next = { ...fresh } as Record<TaskColumn, readonly BoardTask[]>;
  for (const column of Object.keys(fresh) as TaskColumn[]) {
    if (sameList(previous[column], fresh[column])) next[column] = previous[column];
  }
  return next;
}

function sameLastRun(a: BoardTask['lastRun'], b: BoardTask['lastRun']): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.status === b.status && a.costUsd === b.costUsd && a.finishedAt === b.finishedAt;
}

/** What a card shows changed; the fields outside a card's view do not count. */
export function sameCard(a: BoardTask, b: BoardTask): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    a.column === b.column &&
    a.waitingReason === b.waitingReason &&
    a.nextRunAt === b.nextRunAt &&
    a.scheduleText === b.scheduleText &&
    a.actualHours === b.actualHours &&
    a.deadlineState === b.deadlineState &&
    sameLastRun(a.lastRun, b.lastRun)
  );
}

export function loadedState(page: TaskPage, previous: TasksState | undefined): TasksState {
  const before = previous?.tasks ?? new Map<string, BoardTask>();
  const tasks = new Map<string, BoardTask>();
  for (const task of page.items) {
    const old = before.get(task.id);
    tasks.set(task.id, old && sameCard(old, task) ? old : task);
  }
  return {
    tasks,
    columns: page.columns,
    byColumn: groupByColumn(tasks, previous?.byColumn ?? noTasks),
    loaded: true,
  };
}

function patch(state: TasksState, id: string, change: (task: BoardTask) => BoardTask): TasksState {
  const task = state.tasks.get(id);
  if (!task) return state;
  const next = change(task);
  if (next === task) return state;
  const tasks = new Map(state.tasks);
  tasks.set(id, next);
  return { ...state, tasks, byColumn: groupByColumn(tasks, state.byColumn) };
}

/** A pushed task's card fields over the card; the rest of the whole task is not kept. */
function withTask(card: BoardTask, task: Task): BoardTask {
  const { title, taskType, priority, status, paused, schedule, nextRunAt, dependsOn, updatedAt } = task;
  const tools = [...new Set(task.pipeline.steps.map((step) => step.uses))];
  return { ...card, title, taskType, priority, status, paused, schedule, nextRunAt, dependsOn, updatedAt, tools };
}

function withRun(task: BoardTask, run: Run): BoardTask {
  // A run the card does not show (an older attempt) leaves it alone; a new run becomes its last run.
  if (task.lastRun && task.lastRun.id !== run.id && run.status !== 'queued') return task;
  const lastRun = { id: run.id, status: run.status, costUsd: run.costUsd, finishedAt: run.finishedAt };
  return sameLastRun(task.lastRun, lastRun) ? task : { ...task, lastRun };
}

/**
 * A scheduler wake's batch: each card shown gets its new run and its next and last fire times, and
 * the columns are grouped once for the whole batch, not once per task.
 */
function applyFired(state: TasksState, fired: PushEvents['schedule:fired']): TasksState {
  let tasks: Map<string, BoardTask> | undefined;
  const update = (id: string, change: (task: BoardTask) => BoardTask): void => {
    const task = (tasks ?? state.tasks).get(id);
    if (!task) return;
    const next = change(task);
    if (next === task) return;
    tasks ??= new Map(state.tasks);
    tasks.set(id, next);
  };
  for (const t of fired.tasks) {
    update(t.id, (task) =>
      task.nextRunAt === t.nextRunAt && task.lastFiredAt === t.lastFiredAt
        ? task
        : { ...task, nextRunAt: t.nextRunAt, lastFiredAt: t.lastFiredAt },
    );
  }
  for (const run of fired.runs) update(run.taskId, (task) => withRun(task, run));
  return tasks ? { ...state, tasks, byColumn: groupByColumn(tasks, state.byColumn) } : state;
}

/**
 * A push patches one task in place. Which column a task moves to is the host's to say: the list is
 * asked again (throttled) after such pushes, and that answer places it.
 */
export function applyPush(state: TasksState, message: PushMessage): TasksState {
  if (!state.loaded) return state;
  switch (message.event) {
    case 'task:created':
      return state;
    case 'task:updated': {
      const pushed = message.data.task;
      return patch(state, pushed.id, (task) => (task.updatedAt > pushed.updatedAt ? task : withTask(task, pushed)));
    }
    case 'task:progress': {
      const { id, status, updatedAt } = message.data.task;
      return patch(state, id, (task) => (task.updatedAt > updatedAt ? task : { ...task, status, updatedAt }));
    }
    case 'task:deleted': {
      const task = state.tasks.get(message.data.id);
      if (!task) return state;
      const tasks = new Map(state.tasks);
      tasks.delete(task.id);
      const columns = { ...state.columns, [task.column]: Math.max(0, state.columns[task.column] - 1) };
      return { ...state, tasks, columns, byColumn: groupByColumn(tasks, state.byColumn) };
    }
    case 'run:queued':
    case 'run:updated':
      return patch(state, message.data.run.taskId, (task) => withRun(task, message.data.run));
    case 'schedule:fired':
      return applyFired(state, message.data);
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

/** The pushes after which the host is asked where tasks now stand. */
export function movesTasks(message: PushMessage): boolean {
  return (
    message.event === 'task:created' ||
    message.event === 'task:updated' ||
    message.event === 'task:progress' ||
    message.event === 'task:deleted' ||
    message.event === 'run:queued' ||
    message.event === 'schedule:fired' ||
    message.event === 'run:updated' ||
    message.event === 'approval:created' ||
    message.event === 'approval:updated'
  );
}
