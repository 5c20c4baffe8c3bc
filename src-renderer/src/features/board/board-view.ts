// The board's view as its address holds it (#/board?q=&column=&type=&tag=&priority=&project=&failures=1&sort=
// &task=), read into the tasks.list input and written back, so a view can be bookmarked and shared,
// and a link (the graph, the palette) can open a task's form.
import type { CallInput, Priority, TaskColumn } from '../../api/contract-types';
import { pageHash } from '../../lib/hash-route';
import { boardColumns, priorityOptions } from '../../lib/vocabulary';

export const boardSorts = ['updated', 'created', 'priority', 'title', 'next_run'] as const;
export type BoardSort = (typeof boardSorts)[number];

export const boardSortLabels: Record<BoardSort, string> = {
  updated: 'Recently updated',
  created: 'Newest',
  priority: 'Priority',
  title: 'Title',
  next_run: 'Next run',
};

export interface BoardView {
  q: string;
  column: TaskColumn | null;
  type: string;
  tag: string;
  priority: Priority | null;
  project: string;
  failures: boolean;
  sort: BoardSort;
  /** The task open in the form: its id, "new" for a new task, or "" for none. */
  task: string;
}

export const defaultBoardView: BoardView = {
  q: '',
  column: null,
  type: '',
  tag: '',
  priority: null,
  project: '',
  failures: false,
  sort: 'updated',
  task: '',
};

function oneOf<T extends string>(options: readonly T[], value: string | null): T | null {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Unknown values in a hand-edited address fall back to the default rather than failing the page. */
export function readBoardView(query: URLSearchParams): BoardView {
  return {
    q: query.get('q') ?? '',
    column: oneOf(boardColumns, query.get('column')),
    type: query.get('type') ?? '',
    tag: query.get('tag') ?? '',
    priority: oneOf(priorityOptions, query.get('priority')),
    project: query.get('project') ?? '',
    failures: query.get('failures') === '1',
    sort: oneOf(boardSorts, query.get('sort')) ?? 'updated',
    task: query.get('task') ?? '',
  };
}

/** The address query of a view; defaults are left out so a plain board stays "#/board". */
export function boardViewQuery(view: BoardView): Record<string, string | undefined> {
  return {
    q: view.q.trim() || undefined,
    column: view.column ?? undefined,
    type: view.type.trim() || undefined,
    tag: view.tag.trim() || undefined,
    priority: view.priority ?? undefined,
    project: view.project || undefined,
    failures: view.failures ? '1' : undefined,
    sort: view.sort === 'updated' ? undefined : view.sort,
    task: view.task || undefined,
  };
}

export function boardListInput(view: BoardView, perColumn: number): CallInput<'tasks.list'> {
  return {
    search: view.q.trim() || undefined,
    column: view.column ? [view.column] : undefined,
    taskType: view.type.trim() || undefined,
    tag: view.tag.trim() ? [view.tag.trim()] : undefined,
    priority: view.priority ? [view.priority] : undefined,
    projectId: view.project || undefined,
    hasFailures: view.failures || undefined,
    sort: view.sort,
    perColumn,
  };
}

export function isFiltered(view: BoardView): boolean {
  return Boolean(
    view.q.trim() ||
    view.column ||
    view.type.trim() ||
    view.tag.trim() ||
    view.priority ||
    view.project ||
    view.failures,
  );
}

/** The address of the board with a task's form open ("new" for a new task). */
export function taskFormHash(taskId: string, view: BoardView = defaultBoardView): string {
  return pageHash('board', boardViewQuery({ ...view, task: taskId }));
}
