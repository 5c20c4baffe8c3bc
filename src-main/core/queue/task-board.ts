// tasks.list as the board reads it: every task placed in its column (queue/task-column.ts), the
// view's filters and sort applied, true counts per column, and the page with each task's latest run.
import type { BoardTask, Priority, TaskColumn, TaskGraph, TaskPage, TaskStatus } from '../model/types';
import { taskColumns } from '../model/types';
import { describeSchedule } from '../scheduler/describe';
import { isoAt } from '../lib/time-format';
import { isoOrNull } from '../db/repos/json';
import type { Store } from '../store';
import { taskColumn, type TaskPlacement } from '../model/task-column';

interface BoardListContext {
  store: Store;
  now: number;
  displayTimezone: string;
  /** How long before its deadline a task without a successful run is at risk (settings). */
  atRiskMs: number;
}

function describe(task: BoardTask['schedule'], displayTimezone: string, createdAt: number): string {
  try {
    return describeSchedule({
      kind: task.kind,
      expr: task.expr,
      timezone: task.timezone ?? displayTimezone,
      anchor: createdAt,
    });
  } catch {
    // A stored schedule the compiler no longer reads still shows as written.
    return task.expr ? `${task.kind}: ${task.expr}` : task.kind;
  }
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

export function listBoardTasks(input: TaskListQuery, { store, now, displayTimezone, atRiskMs }: BoardListContext) {
  const facts = store.taskBoard.facts();
  const placements = new Map<string, TaskPlacement>();
  for (const [id, f] of facts) placements.set(id, taskColumn(f, now));

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
  const filterStates = wantedStates ? store.deadlines.states(matching, now, atRiskMs) : null;
  const ids = matching.filter((id) => {
    if (!wantedStates || !filterStates) return true;
    const state = filterStates.get(id);
    return state !== undefined && wantedStates.has(state);
  });
  const columns = Object.fromEntries(taskColumns.map((c) => [c, 0])) as Record<TaskColumn, number>;
  const wanted = input.column?.length ? new Set<TaskColumn>(input.column) : null;
  const inView: string[] = [];
  for (const id of ids) {
    const column = placements.get(id)?.column ?? 'scheduled';
    columns[column] += 1;
    if (!wanted || wanted.has(column)) inView.push(id);
  }

  let pageIds: string[];
  if (input.perColumn !== undefined) {
    const taken = Object.fromEntries(taskColumns.map((c) => [c, 0])) as Record<TaskColumn, number>;
    pageIds = inView.filter((id) => {
      const column = placements.get(id)?.column ?? 'scheduled';
      taken[column] += 1;
      return taken[column] <= input.perColumn!;
    });
  } else pageIds = inView.slice(input.offset, input.offset + input.limit);

  const deadlineStates = filterStates ?? store.deadlines.states(pageIds, now, atRiskMs);
  const items: BoardTask[] = [];
  for (const task of store.taskBoard.summaries(pageIds)) {
    const placement = placements.get(task.id) ?? { column: 'scheduled', waitingReason: null };
    const { createdAt, lastRun, runMs, ...shown } = task;
    items.push({
      ...shown,
      nextRunAt: isoOrNull(task.nextRunAt),
      lastFiredAt: isoOrNull(task.lastFiredAt),
      deadline: isoOrNull(task.deadline),
      actualHours: runMs === null ? null : runMs / 3_600_000,
      updatedAt: isoAt(task.updatedAt),
      column: placement.column,
      waitingReason: placement.waitingReason,
      scheduleText: describe(task.schedule, displayTimezone, createdAt),
      lastRun: lastRun && { ...lastRun, finishedAt: isoOrNull(lastRun.finishedAt) },
      deadlineState: deadlineStates.get(task.id) ?? null,
    });
  }
  const page: TaskPage = { items, total: inView.length, limit: input.limit, offset: input.offset, columns };
  return page;
}

/**
 * The dependency graph: every task in an edge, placed in its column, and each edge marked `holding`
 * when the task that waits has a run the dependency gate holds for that dependency. The gate names
 * each dependency it waits for in quotes in the reason it writes ("Waiting for "Build" to succeed").
 */
export function taskGraph(store: Store, now: number): TaskGraph {
  const facts = store.taskBoard.facts();
  const placements = new Map<string, TaskPlacement>();
  for (const [id, f] of facts) placements.set(id, taskColumn(f, now));
  const titles = new Map<string, string>();
  const edges: TaskGraph['edges'] = [];
  for (const edge of store.taskBoard.dependencyEdges()) {
    titles.set(edge.taskId, edge.taskTitle);
    titles.set(edge.dependsOn, edge.dependsOnTitle);
    const queued = facts.get(edge.taskId)?.queued;
    const reason = queued?.blockedReason ?? queued?.waitingReason ?? '';
    edges.push({ from: edge.dependsOn, to: edge.taskId, holding: reason.includes(`"${edge.dependsOnTitle}"`) });
  }
  const nodes = [...titles].map(([id, title]) => {
    const placement = placements.get(id) ?? { column: 'scheduled' as const, waitingReason: null };
    return { id, title, column: placement.column, waitingReason: placement.waitingReason };
  });
  return { nodes, edges };
}
