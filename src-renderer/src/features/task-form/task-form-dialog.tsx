// The task form in a dialog, for a new task (tasks.create) or an existing one (tasks.update, pause,
// resume, delete). What the user typed survives a failed save: the server's issues show inline and
// as a list with their paths, and closing the form with edits asks first.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError, type ValidationIssue } from '../../api/api-error';
import type { Task } from '../../api/contract-types';
import { useCall } from '../../api/use-call';
import { Dialog } from '../../components/dialog';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { FormActions } from './form-actions';
import { RunsPanel } from '../runs/runs-panel';
import { OccurrenceStrip } from '../occurrences/occurrence-strip';
import { FormTabs, type FormTab } from './form-tabs';
import { parsePipeline } from './pipeline-text';
import { RunControls } from './run-controls';
import {
  errorsFromIssues,
  fieldFor,
  fieldLabels,
  localErrors,
  taskFieldsFrom,
  valuesFromTask,
  type FieldErrors,
  type FormValues,
} from './form-values';
import { TaskFormFields } from './task-form-fields';
import { DeadlineNotice, type DeadlineState } from '../memory/deadline-notice';
import { TaskMemoryPanel } from '../memory/task-memory-panel';

interface TaskFormDialogProps {
  /** The task as the board currently knows it; null for a new task or one deleted meanwhile. */
  task: Task | null;
  /** At risk or overdue, from the task's card: tasks.get reads the task without it. */
  deadlineState: DeadlineState;
  /** The tasks on the board, to choose dependencies from. */
  boardTasks: readonly Pick<Task, 'id' | 'title' | 'dependsOn'>[];
  isNew: boolean;
  wasDeleted: boolean;
  onSaved(task: Task): void;
  onDeleted(id: string): void;
  onClose(): void;
}

export function TaskFormDialog({
  task,
  deadlineState,
  boardTasks,
  isNew,
  wasDeleted,
  onSaved,
  onDeleted,
  onClose,
}: TaskFormDialogProps) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const projects = useCall('projects.list', {});
  // The form starts from the task once; live updates to it must not overwrite what is being typed.
  const [values, setValues] = useState<FormValues>(() => valuesFromTask(task, timeZone));
  const [initialValues] = useState(values);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  // Bumped on each rejected save, so focus moves to the first bad field once it is rendered enabled.
  const [rejections, setRejections] = useState(0);
  const [taskId] = useState(task?.id ?? null);
  const [tab, setTab] = useState<FormTab>('task');
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(initialValues), [values, initialValues]);
  const { release } = useUnsavedChanges(
    dirty && !wasDeleted,
    isNew ? 'the new task' : `the task "${initialValues.title}"`,
  );
  const dependents = useMemo(
    () => (taskId ? boardTasks.filter((t) => t.dependsOn.includes(taskId)).map((t) => t.title) : []),
    [boardTasks, taskId],
  );

  const focusField = (path: string) => {
    const field = fieldFor(path);
    if (!field) return;
    formRef.current?.querySelector<HTMLElement>(`#field-${field}, [name="${field}"]`)?.focus();
  };

  useEffect(() => {
    if (rejections > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [rejections]);

  const change = <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    // An error stays until the next save, except on the field the user is fixing.
    setFieldErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const showFailure = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'validation_failed' && error.issues.length > 0) {
      const { fields, unplaced } = errorsFromIssues(error.issues);
      setTab('task');
      setFieldErrors(fields);
      setIssues(error.issues);
      setFormError(unplaced.length > 0 ? unplaced.join(' ') : 'Some fields need another look.');
      setRejections((n) => n + 1);
      return;
    }
    setFieldErrors({});
    setIssues([]);
    setFormError(error instanceof Error ? error.message : String(error));
  };

  /** Runs one API action with the buttons locked; false when it failed (and the error is shown). */
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setFormError(null);
    setIssues([]);
    try {
      await action();
      return true;
    } catch (error) {
      showFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePipeline(values.pipeline);
    if ('syntaxError' in parsed) {
      // The field already shows the syntax error; send nothing the user did not mean.
      setTab('task');
      setFormError('The steps are not valid JSON yet.');
      setRejections((n) => n + 1);
      return;
    }
    const local = localErrors(values);
    if (Object.keys(local).length > 0) {
      setTab('task');
      setFieldErrors(local);
      setFormError('Some fields need another look.');
      setRejections((n) => n + 1);
      return;
    }
    const fields = taskFieldsFrom(values, timeZone);
    const ok = await run(async () => {
      const saved = taskId
        ? await api.call('tasks.update', { id: taskId, ...fields })
        : await api.call('tasks.create', fields);
      onSaved(saved);
    });
    if (ok) {
      release();
      onClose();
    }
  };

  const remove = async () => {
    if (!taskId) return;
    const ok = await run(async () => {
      await api.call('tasks.delete', { id: taskId });
      onDeleted(taskId);
    });
    if (ok) {
      release();
      onClose();
    }
  };

  const togglePause = () =>
    void run(async () => {
      if (!taskId) return;
      onSaved(
        task?.paused ? await api.call('tasks.resume', { id: taskId }) : await api.call('tasks.pause', { id: taskId }),
      );
    });

  return (
    <Dialog title={isNew ? 'New task' : 'Edit task'} onClose={onClose}>
      <form
        ref={formRef}
        className="task-form"
        noValidate
        onSubmit={(e) => void save(e)}
        aria-label={isNew ? 'New task' : 'Edit task'}
      >
        {wasDeleted && (
          <p className="banner banner-warning" role="alert">
            This task was deleted, perhaps in another window. Nothing here can be saved.
          </p>
        )}
        {task?.paused && !wasDeleted && (
          <p className="banner banner-info" data-testid="task-paused-banner">
            This task is paused: its schedule will not fire.
            {task.pausedReason && <> {task.pausedReason} Resume it once it has what it needs.</>}
          </p>
        )}
        {task && !wasDeleted && <DeadlineNotice state={deadlineState} deadline={task.deadline} timeZone={timeZone} />}
        {projects.status === 'failed' && (
          <p className="banner banner-warning">Projects could not be loaded: {projects.error.message}</p>
        )}
        {taskId && !wasDeleted && <FormTabs tab={tab} onChange={setTab} />}
        {tab === 'runs' && taskId ? (
          <div role="tabpanel" id="task-tab-runs" aria-labelledby="task-tab-runs-label">
            <RunsPanel taskId={taskId} />
          </div>
        ) : tab === 'memory' && taskId ? (
          <div role="tabpanel" id="task-tab-memory" aria-labelledby="task-tab-memory-label">
            <TaskMemoryPanel taskId={taskId} />
          </div>
        ) : (
          <div
            role={taskId ? 'tabpanel' : undefined}
            id="task-tab-task"
            aria-labelledby={taskId ? 'task-tab-task-label' : undefined}
          >
            <TaskFormFields
              values={values}
              errors={fieldErrors}
              projects={projects.status === 'done' ? projects.value : []}
              tasks={boardTasks}
              taskId={taskId}
              displayTimeZone={timeZone}
              disabled={busy}
              onChange={change}
              scheduleExtras={
                task && !wasDeleted ? (
                  <>
                    <RunControls task={task} displayTimeZone={timeZone} onSaved={onSaved} />
                    {task.schedule.kind !== 'manual' && <OccurrenceStrip taskId={task.id} />}
                  </>
                ) : null
              }
            />
          </div>
        )}
        {/* Sticky, so the buttons and the form-level error stay in view in a long form. */}
        <div className="form-footer">
          {formError && (
            <p className="form-error" role="alert" data-testid="form-error">
              {formError}
            </p>
          )}
          {issues.length > 0 && (
            <ul className="form-issues" data-testid="form-issues" aria-label="What to fix">
              {issues.map((issue, i) => {
                const field = fieldFor(issue.path);
                return (
                  <li key={`${issue.path}-${i}`}>
                    <button type="button" className="link-button" onClick={() => focusField(issue.path)}>
                      {field && <span>{fieldLabels[field]}: </span>}
                      <code>{issue.path || '(task)'}</code> {issue.message}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <FormActions
            isNew={isNew}
            title={initialValues.title}
            dependents={dependents}
            paused={task?.paused ?? false}
            busy={busy}
            canSave={!wasDeleted}
            onCancel={onClose}
            onDelete={() => void remove()}
            onTogglePause={togglePause}
          />
        </div>
      </form>
    </Dialog>
  );
}
