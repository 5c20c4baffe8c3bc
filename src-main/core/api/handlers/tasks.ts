// Task calls: create, read, list, update, delete, pause and resume, each recorded on the timeline.
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Clock } from '../../lib/clock';
import type { Store } from '../../store';
import { priorityToNumber, type TaskColumns } from '../../db/repos/tasks-repo';
import type { ParsedInput, Task } from '../contract';

type TaskFields = Omit<ParsedInput<'tasks.update'>, 'id'>;

function applyFields(base: TaskColumns, f: TaskFields): TaskColumns {
  const next = { ...base };
  if (f.projectId !== undefined) next.project_id = f.projectId ?? null;
  if (f.title !== undefined) next.title = f.title;
  if (f.description !== undefined) next.description = f.description;
  if (f.taskType !== undefined) next.task_type = f.taskType;
  if (f.priority !== undefined) next.priority = priorityToNumber(f.priority);
  if (f.status !== undefined) next.status = f.status;
  if (f.currentPhase !== undefined) next.current_phase = f.currentPhase ?? null;
  if (f.pipeline !== undefined) next.pipeline = JSON.stringify(f.pipeline);
  if (f.schedule !== undefined) {
    next.schedule_kind = f.schedule.kind;
    next.schedule_expr = f.schedule.expr ?? null;
    next.schedule_timezone = f.schedule.timezone ?? null;
  }
  if (f.misfirePolicy !== undefined) next.misfire_policy = f.misfirePolicy;
  if (f.timeoutMs !== undefined) next.timeout_ms = f.timeoutMs ?? null;
  if (f.concurrencyKey !== undefined) next.concurrency_key = f.concurrencyKey ?? null;
  if (f.budgetUsd !== undefined) next.budget_usd = f.budgetUsd ?? null;
  if (f.successCriteria !== undefined) next.success_criteria = JSON.stringify(f.successCriteria);
  if (f.deadline !== undefined) next.deadline_at = f.deadline ? Date.parse(f.deadline) : null;
  if (f.estimatedHours !== undefined) next.estimated_hours = f.estimatedHours ?? null;
  if (f.actualHours !== undefined) next.actual_hours = f.actualHours ?? null;
  return next;
}

const defaults: TaskColumns = {
  project_id: null,
  title: '',
  description: '',
  task_type: 'general',
  priority: 1,
  status: 'pending',
  current_phase: null,
  pipeline: '{"steps":[]}',
  schedule_kind: 'manual',
  schedule_expr: null,
  schedule_timezone: null,
  misfire_policy: 'run_once',
  paused: 0,
  timeout_ms: null,
  concurrency_key: null,
  budget_usd: null,
  success_criteria: '[]',
  deadline_at: null,
  estimated_hours: null,
  actual_hours: null,
};

export function createTaskHandlers(store: Store, clock: Clock) {
  function requireProject(projectId: string | null | undefined): void {
    if (projectId && !store.projects.get(projectId)) {
      throw new AppError('validation_failed', `projectId: project ${projectId} does not exist`, {
        issues: [{ path: 'projectId', message: `project ${projectId} does not exist` }],
      });
    }
  }

  function existing(id: string): TaskColumns {
    const columns = store.tasks.columns(id);
    if (!columns) throw notFound('Task', id);
    return columns;
  }

  function setPaused(id: string, paused: boolean): Task {
    return store.write((tx) => {
      const columns = existing(id);
      if (columns.paused === (paused ? 1 : 0)) return store.tasks.get(id)!;
      const task = store.tasks.update(id, { ...columns, paused: paused ? 1 : 0 }, clock.now());
      tx.record({
        type: paused ? 'task:paused' : 'task:resumed',
        taskId: id,
        summary: `${paused ? 'Paused' : 'Resumed'} "${task.title}"`,
      });
      tx.publish('task:updated', { task });
      return task;
    });
  }

  return {
    'tasks.create': async (input: ParsedInput<'tasks.create'>): Promise<Task> => {
      requireProject(input.projectId);
      return store.write((tx) => {
        const task = store.tasks.insert(newId(), applyFields(defaults, input), clock.now());
        tx.record({ type: 'task:created', taskId: task.id, summary: `Created "${task.title}"` });
        tx.publish('task:created', { task });
        return task;
      });
    },

    'tasks.get': async ({ id }: ParsedInput<'tasks.get'>): Promise<Task> => {
      const task = store.tasks.get(id);
      if (!task) throw notFound('Task', id);
      return task;
    },

    'tasks.list': async (input: ParsedInput<'tasks.list'>) => store.tasks.list(input),

    'tasks.update': async ({ id, ...fields }: ParsedInput<'tasks.update'>): Promise<Task> => {
      requireProject(fields.projectId);
      return store.write((tx) => {
        const before = existing(id);
        const task = store.tasks.update(id, applyFields(before, fields), clock.now());
        const changed = Object.keys(fields).filter((k) => fields[k as keyof TaskFields] !== undefined);
        tx.record({ type: 'task:updated', taskId: id, summary: `Updated "${task.title}"`, payload: { changed } });
        tx.publish('task:updated', { task });
        return task;
      });
    },

    'tasks.delete': async ({ id }: ParsedInput<'tasks.delete'>): Promise<{ id: string }> =>
      store.write((tx) => {
        const columns = existing(id);
        store.tasks.delete(id);
        tx.record({ type: 'task:deleted', taskId: id, summary: `Deleted "${columns.title}"` });
        tx.publish('task:deleted', { id });
        return { id };
      }),

    'tasks.pause': async ({ id }: ParsedInput<'tasks.pause'>) => setPaused(id, true),
    'tasks.resume': async ({ id }: ParsedInput<'tasks.resume'>) => setPaused(id, false),
  };
}
