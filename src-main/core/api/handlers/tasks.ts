// Task calls: create, read, list, update, delete, pause and resume, each recorded on the timeline.
import { AppError, notFound } from '../../lib/errors';
import { newId, newTaskId } from '../../lib/ids';
import { formatTime } from '../../lib/time-format';
import { priorityToNumber } from '../../db/repos/tasks-repo';
import { newTaskColumns, type TaskColumns } from '../../db/repos/task-columns';
import { assertValidSchedule, nextOccurrence, specFromColumns } from '../../scheduler/task-schedule';
import { nextRuns } from '../../scheduler/next-run';
import { recordPausedOccurrences } from '../../scheduler/paused-occurrences';
import { setDependencies } from '../../queue/dependencies';
import { regateAll } from '../../queue/lease';
import { listBoardTasks, taskGraph } from '../../queue/task-board';
import type { ParsedInput, Run, Task } from '../contract';
import { assertValidPipeline } from '../../pipeline/spec';
import { assertNoParamIssues, missingParamIssues, paramValueIssues, parseParamValues } from '../../pipeline/run-params';
import { assertValidCriteria } from '../../pipeline/criteria';
import { toolLookupOf, type PipelineHandlerContext } from './pipelines';
import { assertStepsHaveProject } from './project-steps';

type TaskFields = Omit<ParsedInput<'tasks.update'>, 'id'>;

export function applyFields(base: TaskColumns, f: TaskFields): TaskColumns {
  const next = { ...base };
  if (f.projectId !== undefined) next.projectId = f.projectId ?? null;
  if (f.title !== undefined) next.title = f.title;
  if (f.description !== undefined) next.description = f.description;
  if (f.taskType !== undefined) next.taskType = f.taskType;
  if (f.priority !== undefined) next.priority = priorityToNumber(f.priority);
  if (f.status !== undefined) next.status = f.status;
  if (f.currentPhase !== undefined) next.currentPhase = f.currentPhase ?? null;
  if (f.pipeline !== undefined) next.pipeline = JSON.stringify(f.pipeline);
  if (f.schedule !== undefined) {
    next.scheduleKind = f.schedule.kind;
    next.scheduleExpr = f.schedule.expr ?? null;
    next.scheduleTimezone = f.schedule.timezone ?? null;
  }
  if (f.misfirePolicy !== undefined) next.misfirePolicy = f.misfirePolicy;
  if (f.misfireGraceMs !== undefined) next.misfireGraceMs = f.misfireGraceMs ?? null;
  if (f.timeoutMs !== undefined) next.timeoutMs = f.timeoutMs ?? null;
  if (f.concurrencyKey !== undefined) next.concurrencyKey = f.concurrencyKey ?? null;
  if (f.maxConcurrentRuns !== undefined) next.maxConcurrentRuns = f.maxConcurrentRuns;
  if (f.overlapPolicy !== undefined) next.overlapPolicy = f.overlapPolicy;
  // Both policies are stored in the API's own shape; unset fields are left out and default when read.
  if (f.retryPolicy !== undefined) next.retryPolicy = JSON.stringify(f.retryPolicy);
  if (f.notificationPolicy !== undefined) next.notificationPolicy = JSON.stringify(f.notificationPolicy);
  if (f.budgetUsd !== undefined) next.budgetUsd = f.budgetUsd ?? null;
  if (f.successCriteria !== undefined) next.successCriteria = JSON.stringify(f.successCriteria);
  if (f.tags !== undefined) next.tags = JSON.stringify(f.tags);
  if (f.deadline !== undefined) next.deadlineAt = f.deadline ? Date.parse(f.deadline) : null;
  if (f.estimatedHours !== undefined) next.estimatedHours = f.estimatedHours ?? null;
  if (f.params !== undefined) next.params = JSON.stringify(f.params);
  if (f.conditions !== undefined) next.conditions = JSON.stringify(f.conditions ?? {});
  if (f.wakeToRun !== undefined) next.wakeToRun = f.wakeToRun ? 1 : 0;
  return next;
}

export interface TaskHandlerOptions {
  /** Refuse git and coding-agent steps on a task without a project (the gallery installs them anyway). */
  stepsNeedProject?: boolean;
}

export function createTaskHandlers(
  context: PipelineHandlerContext,
  { stepsNeedProject = true }: TaskHandlerOptions = {},
) {
  const { store, clock, settings, scheduleChanged } = context;
  const lookupTool = toolLookupOf(context);
  const displayTimezone = (): string => settings.get().displayTimezone;
  const titleOf = (taskId: string): string => store.tasks.get(taskId)?.title ?? taskId;

  /** Validates the schedule and stores the next occurrence after now (none while paused). */
  function reschedule(id: string, columns: TaskColumns, createdAt: number): void {
    const spec = specFromColumns(columns, displayTimezone(), createdAt);
    const next = columns.paused ? null : nextOccurrence(spec, clock.now());
    store.scheduler.setNext(id, { runAt: next, occurrenceAt: next }, null);
  }

  function validate(columns: TaskColumns, createdAt: number): void {
    assertValidSchedule(specFromColumns(columns, displayTimezone(), createdAt), clock.now());
  }

  /** The stored params fit the pipeline, and every required param without a default has a value. */
  function checkStoredParams(columns: TaskColumns, call: string): void {
    const stored = parseParamValues(columns.params);
    assertNoParamIssues(
      [...paramValueIssues(columns.pipeline, stored, store.redactor), ...missingParamIssues(columns.pipeline, stored)],
      call,
    );
  }

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

  /** On resume: the occurrences that passed while the task was paused go to the ledger. */
  function recordPausedSpan(id: string, columns: TaskColumns, now: number): void {
    const pause = store.occurrences.takePause(id);
    if (pause?.nextOccurrenceAt == null) return;
    const spec = specFromColumns(columns, displayTimezone(), store.tasks.createdAt(id));
    recordPausedOccurrences(store, { taskId: id, spec, first: pause.nextOccurrenceAt, now });
  }

  function setPaused(id: string, paused: boolean): Task {
    const result = store.write((tx) => {
      const columns = existing(id);
      if (columns.paused === (paused ? 1 : 0)) return store.tasks.get(id)!;
      const now = clock.now();
      if (paused) store.occurrences.rememberPause(id, store.tasks.nextRun(id)?.occurrenceAt ?? null, now);
      const next = { ...columns, paused: paused ? 1 : 0, pausedReason: null };
      store.tasks.update(id, next, now);
      if (!paused) recordPausedSpan(id, columns, now);
      reschedule(id, next, store.tasks.createdAt(id));
      const task = store.tasks.get(id)!;
      tx.record({
        type: paused ? 'task:paused' : 'task:resumed',
        taskId: id,
        summary: `${paused ? 'Paused' : 'Resumed'} "${task.title}"`,
      });
      tx.publish('task:updated', { task });
      return task;
    });
    scheduleChanged();
    return result;
  }

  return {
    /** `pausedReason` creates the task paused, saying why (the gallery's unmet needs). */
    'tasks.create': async (input: ParsedInput<'tasks.create'>, options?: { pausedReason?: string }): Promise<Task> => {
      requireProject(input.projectId);
      if (input.pipeline !== undefined) assertValidPipeline(input.pipeline, lookupTool, 'tasks.create');
      const columns = applyFields(newTaskColumns(), input);
      if (options?.pausedReason) Object.assign(columns, { paused: 1, pausedReason: options.pausedReason });
      if (stepsNeedProject) assertStepsHaveProject(columns.pipeline, columns.projectId, 'tasks.create');
      checkStoredParams(columns, 'tasks.create');
      assertValidCriteria(columns, 'tasks.create');
      const now = clock.now();
      validate(columns, now);
      const created = store.write((tx) => {
        const id = newTaskId();
        store.tasks.insert(id, columns, now);
        if (input.dependsOn)
          setDependencies(store.dependencies, { taskId: id, dependsOn: input.dependsOn, now, titleOf });
        reschedule(id, columns, now);
        const task = store.tasks.get(id)!;
        tx.record({ type: 'task:created', taskId: task.id, summary: `Created "${task.title}"` });
        tx.publish('task:created', { task });
        return task;
      });
      scheduleChanged();
      return created;
    },

    'tasks.get': async ({ id }: ParsedInput<'tasks.get'>): Promise<Task> => {
      const task = store.tasks.get(id);
      if (!task) throw notFound('Task', id);
      return task;
    },

    'tasks.list': async (input: ParsedInput<'tasks.list'>) =>
      listBoardTasks(input, {
        store,
        now: clock.now(),
        displayTimezone: displayTimezone(),
        atRiskMs: settings.get().deadlines.atRiskHours * 3_600_000,
      }),

    'tasks.update': async ({ id, ...fields }: ParsedInput<'tasks.update'>): Promise<Task> => {
      requireProject(fields.projectId);
      if (fields.pipeline !== undefined) assertValidPipeline(fields.pipeline, lookupTool, 'tasks.update');
      const before = existing(id);
      const after = applyFields(before, fields);
      if (stepsNeedProject && (fields.pipeline !== undefined || fields.projectId !== undefined)) {
        assertStepsHaveProject(after.pipeline, after.projectId, 'tasks.update');
      }
      if (fields.pipeline !== undefined || fields.params !== undefined) checkStoredParams(after, 'tasks.update');
      if (fields.pipeline !== undefined || fields.successCriteria !== undefined)
        assertValidCriteria(after, 'tasks.update');
      const createdAt = store.tasks.createdAt(id);
      if (fields.schedule !== undefined) validate(after, createdAt);
      const updated = store.write((tx) => {
        store.tasks.update(id, after, clock.now());
        if (fields.dependsOn !== undefined)
          setDependencies(store.dependencies, { taskId: id, dependsOn: fields.dependsOn, now: clock.now(), titleOf });
        if (fields.schedule !== undefined) reschedule(id, after, createdAt);
        const task = store.tasks.get(id)!;
        const changed = Object.keys(fields).filter((k) => fields[k as keyof TaskFields] !== undefined);
        tx.record({ type: 'task:updated', taskId: id, summary: `Updated "${task.title}"`, payload: { changed } });
        tx.publish('task:updated', { task });
        return task;
      });
      if (fields.schedule !== undefined) scheduleChanged();
      // Runs held back on a dependency that was just removed are judged again.
      if (fields.dependsOn !== undefined) regateAll(store);
      return updated;
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

    // Joins the group commit: runs queued in one turn (an agent or a script starting many at
    // once) share a commit and a dozen log pages instead of writing a dozen pages each.
    'tasks.runNow': async ({ id, params: given = {} }: ParsedInput<'tasks.runNow'>): Promise<Run> =>
      store.writeSoon((tx) => {
        const columns = existing(id);
        const params = { ...parseParamValues(columns.params), ...given };
        assertNoParamIssues(
          [
            ...paramValueIssues(columns.pipeline, given, store.redactor),
            ...missingParamIssues(columns.pipeline, params),
          ],
          'tasks.runNow',
        );
        const now = clock.now();
        const run = store.runs.insert(
          { id: newId(), taskId: id, trigger: 'manual', scheduledFor: now, priority: columns.priority, params },
          now,
        );
        tx.record({
          type: 'run:queued',
          taskId: id,
          runId: run.id,
          summary: `Queued "${columns.title}" to run now`,
          payload: { trigger: 'manual' },
        });
        tx.publish('run:queued', { run: store.runs.toApi(run) });
        return store.runs.toApi(run);
      }),

    'tasks.graph': async () => taskGraph(store, clock.now()),

    'tasks.snooze': async ({ id, action, delayMinutes }: ParsedInput<'tasks.snooze'>): Promise<Task> => {
      const result = store.write((tx) => {
        const columns = existing(id);
        const current = store.tasks.nextRun(id);
        if (!current) {
          throw new AppError('conflict', `"${columns.title}" has no upcoming run to snooze.`, { id });
        }
        const spec = specFromColumns(columns, displayTimezone(), store.tasks.createdAt(id));
        const following = nextRuns(spec, current.occurrenceAt, 1)[0] ?? null;
        let next: { runAt: number | null; occurrenceAt: number | null };
        let summary: string;
        if (action === 'skip_next') {
          next = { runAt: following, occurrenceAt: following };
          summary = `Skipped the ${formatTime(current.occurrenceAt, spec.timezone)} run of "${columns.title}"`;
        } else {
          const runAt = current.runAt + delayMinutes! * 60_000;
          if (following !== null && runAt >= following) {
            const issues = [
              {
                path: 'delayMinutes',
                message: `would move this run past the next one (${formatTime(following, spec.timezone)}); skip it instead`,
              },
            ];
            throw new AppError('validation_failed', `delayMinutes: ${issues[0]!.message}`, { issues });
          }
          next = { runAt, occurrenceAt: current.occurrenceAt };
          summary = `Delayed the ${formatTime(current.occurrenceAt, spec.timezone)} run of "${columns.title}" to ${formatTime(runAt, spec.timezone)}`;
        }
        store.scheduler.setNext(id, next, null);
        store.occurrences.record(
          [
            {
              taskId: id,
              occurrenceAt: current.occurrenceAt,
              outcome: 'snoozed',
              cause: action === 'skip_next' ? 'skipped' : 'delayed',
              delayedTo: action === 'skip_next' ? null : next.runAt,
            },
          ],
          clock.now(),
        );
        const task = store.tasks.get(id)!;
        tx.record({
          type: 'task:snoozed',
          taskId: id,
          summary,
          payload: { action, delayMinutes: delayMinutes ?? null },
        });
        tx.publish('task:updated', { task });
        return task;
      });
      scheduleChanged();
      return result;
    },
  };
}
