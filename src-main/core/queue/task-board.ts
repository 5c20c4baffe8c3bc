// tasks.list as the board reads it: every task placed in its column (queue/task-column.ts), the
// view's filters and sort applied, true counts per column, and the page with each task's latest run.
import type { BoardTask, Priority, TaskColumn, TaskGraph, TaskPage, TaskStatus } from '../model/types';
import { taskColumns } from '../model/types';
import { scheduleText } from './schedule-texts';
import { isoAt } from '../lib/time-format';
import { isoOrNull } from '../db/repos/json';
import type { Store } from '../store';

interface BoardListContext {
  store: Store;
  now: number;
  displayTimezone: string;
  /** How long before its deadline a task without a successful run is at risk (settings). */
  atRiskMs: number;
}

/** tasks.list's input as the API has parsed it. */
export interface TaskListQuery {
  status?: TaskStatus[];
  column?: TaskColumn[];
  projectId?: string;
  taskType?: string;
  tag?: string[];
  priority?: Priority[];
  paused?: boolean;
  hasFailures?: boolean;
  deadline?: ('at_risk' | 'overdue')[];
  search?: string;
  sort: 'updated' | 'created' | 'priority' | 'title' | 'next_run';
  limit: number;
  offset: number;
  perColumn?: number;
}

/**
 * Whether the view narrows the tasks by more than what the kept placements know (column, paused),
 * so the ids must be selected by a query; otherwise they are read in order from an index.
 */
function narrows(input: TaskListQuery): boolean {
  return Boolean(
    input.status?.length ||
    input.projectId ||
    input.taskType ||
    input.tag?.length ||
    input.priority?.length ||
    input.hasFailures ||
    input.search ||
    input.deadline?.length,
  );
}

/** The ids that pass, read lazily: a page that is full stops the read underneath. */
function* only(ids: Iterable<string>, passes: (id: string) => boolean): Generator<string> {
  for (const id of ids) if (passes(id)) yield id;
}

const zeroes = () => Object.fromEntries(taskColumns.map((c) => [c, 0])) as Record<TaskColumn, number>;

export function listBoardTasks(input: TaskListQuery, { store, now, displayTimezone, atRiskMs }: BoardListContext) {
  const placements = store.taskBoard.placements(now);
  const columnOf = (id: string): TaskColumn => placements.of(id)?.column ?? 'scheduled';
  const wanted = input.column?.length ? new Set<TaskColumn>(input.column) : null;
  const columns = zeroes();
  let filterStates: Map<string, 'at_risk' | 'overdue'> | null = null;
  let ordered: Iterable<string>;
  if (narrows(input)) {
    const matching = store.taskBoard.matchingIds({
      status: input.status,
      projectId: input.projectId,
      taskType: input.taskType,
      tags: input.tag?.length ? input.tag : undefined,
      priority: input.priority,
      paused: input.paused,
      hasFailures: input.hasFailures,
      search: input.search || undefined,
      sort: input.sort,
    });
    // Read only when asked for: the states of every matching task, not just the page's.
    const wantedStates = input.deadline?.length ? new Set(input.deadline) : null;
    filterStates = wantedStates ? store.deadlines.states(matching, now, atRiskMs) : null;
    const ids = matching.filter((id) => {
      if (!wantedStates || !filterStates) return true;
      const state = filterStates.get(id);
      return state !== undefined && wantedStates.has(state);
    });
    for (const id of ids) columns[columnOf(id)] += 1;
    ordered = ids;
  } else if (input.paused === undefined) {
    // Every task is in the view: the counts come from the kept placements, and the page from the
    // view's order read only as far as it must.
    Object.assign(columns, placements.counts());
    // A page of `limit` tasks of the whole order takes exactly its first rows, read at once. Past a
    // filter (the board's columns, paused) how far down the order the page ends is not known.
    const pageRows = input.perColumn === undefined && !wanted ? input.offset + input.limit : 0;
    ordered = store.taskBoard.idsInOrder(input.sort, pageRows);
  } else {
    const paused = input.paused;
    for (const id of placements.ids()) if (placements.paused(id) === paused) columns[columnOf(id)] += 1;
    ordered = only(store.taskBoard.idsInOrder(input.sort), (id) => placements.paused(id) === paused);
  }
  const total = taskColumns.reduce((sum, c) => sum + (!wanted || wanted.has(c) ? columns[c] : 0), 0);

  const pageIds: string[] = [];
  if (input.perColumn !== undefined) {
    const perColumn = input.perColumn;
    const taken = zeroes();
    let left = taskColumns.reduce(
      (sum, c) => sum + (!wanted || wanted.has(c) ? Math.min(perColumn, columns[c]) : 0),
      0,
    );
    for (const id of ordered) {
      if (left === 0) break;
      const column = columnOf(id);
      if ((wanted && !wanted.has(column)) || taken[column] >= perColumn) continue;
      taken[column] += 1;
      left -= 1;
      pageIds.push(id);
    }
  } else {
    // The loop stops as soon as the page is full: asking for one id more would read past the rows
    // read at once, which for an order without an index sorts every task.
    let skip = input.offset;
    for (const id of ordered) {
      if (wanted && !wanted.has(columnOf(id))) continue;
      if (skip > 0) skip -= 1;
      else if (pageIds.push(id) === input.limit) break;
    }
  }

  const deadlineStates = filterStates ?? store.deadlines.states(pageIds, now, atRiskMs);
  const items: BoardTask[] = [];
  for (const task of store.taskBoard.summaries(pageIds)) {
    const placement = placements.of(task.id) ?? { column: 'scheduled', waitingReason: null };
    const { lastRun, runMs } = task;
    // Every field named once, in the order the card has always been sent: a rest-and-spread copy
    // built each card as a slow dictionary object, a third of the page's time.
    items.push({
      id: task.id,
      title: task.title,
      taskType: task.taskType,
      priority: task.priority,
      status: task.status,
      paused: task.paused,
      pausedReason: task.pausedReason,
      schedule: task.schedule,
      nextRunAt: isoOrNull(task.nextRunAt),
      lastFiredAt: isoOrNull(task.lastFiredAt),
      tags: task.tags,
      deadline: isoOrNull(task.deadline),
      estimatedHours: task.estimatedHours,
      updatedAt: isoAt(task.updatedAt),
      dependsOn: task.dependsOn,
      tools: task.tools,
      actualHours: runMs === null ? null : runMs / 3_600_000,
      column: placement.column,
      waitingReason: placement.waitingReason,
      scheduleText: scheduleText(task.schedule, displayTimezone, task.createdAt),
      lastRun: lastRun && {
        id: lastRun.id,
        status: lastRun.status,
        costUsd: lastRun.costUsd,
        finishedAt: isoOrNull(lastRun.finishedAt),
      },
      deadlineState: deadlineStates.get(task.id) ?? null,
    });
  }
  const page: TaskPage = { items, total, limit: input.limit, offset: input.offset, columns };
  return page;
}

/**
 * The dependency graph: every task in an edge, placed in its column, and each edge marked `holding`
 * when the task that waits has a run the dependency gate holds for that dependency. The gate names
 * each dependency it waits for in quotes in the reason it writes ("Waiting for "Build" to succeed").
 */
export function taskGraph(store: Store, now: number): TaskGraph {
  const placements = store.taskBoard.placements(now);
  const titles = new Map<string, string>();
  const edges: TaskGraph['edges'] = [];
  for (const edge of store.taskBoard.dependencyEdges()) {
    titles.set(edge.taskId, edge.taskTitle);
    titles.set(edge.dependsOn, edge.dependsOnTitle);
    const queued = placements.queued(edge.taskId);
    const reason = queued?.blockedReason ?? queued?.waitingReason ?? '';
    edges.push({ from: edge.dependsOn, to: edge.taskId, holding: reason.includes(`"${edge.dependsOnTitle}"`) });
  }
  const nodes = [...titles].map(([id, title]) => {
    const placement = placements.of(id) ?? { column: 'scheduled' as const, waitingReason: null };
    return { id, title, column: placement.column, waitingReason: placement.waitingReason };
  });
  return { nodes, edges };
}
