// The inputs of the task form. Controlled and dumb: values in, changes out, errors shown inline.
import type { ChangeEvent, ReactNode } from 'react';
import type { Project, Task } from '../../api/contract-types';
import { Field } from '../../components/field';
import { priorityLabels, priorityOptions, boardStatuses, statusTitles } from '../../lib/vocabulary';
import { fieldLabels, type FieldErrors, type FormValues } from './form-values';
import { PipelineField } from './pipeline-field';
import { LimitsFields } from './limits-fields';
import { TaskRating } from '../ratings/task-rating';
import { RunSettingsFields } from './run-settings-fields';
import { ScheduleEditor } from './schedule-editor';

interface TaskFormFieldsProps {
  values: FormValues;
  errors: FieldErrors;
  projects: Project[];
  /** The board's tasks, to choose dependencies from. */
  tasks: readonly Pick<Task, 'id' | 'title'>[];
  /** The task being edited; null for a new one. */
  taskId: string | null;
  displayTimeZone: string;
  disabled: boolean;
  onChange<K extends keyof FormValues>(field: K, value: FormValues[K]): void;
  /** Shown at the end of the schedule section (an existing task's run controls). */
  scheduleExtras?: ReactNode;
}

export function TaskFormFields({
  values,
  errors,
  projects,
  tasks,
  taskId,
  displayTimeZone,
  disabled,
  onChange,
  scheduleExtras,
}: TaskFormFieldsProps) {
  const text = (field: 'title' | 'taskType' | 'tags') => ({
    name: field,
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange(field, e.target.value),
  });

  const sameTitle = values.title.trim().toLowerCase();
  const namesake = sameTitle
    ? tasks.find((t) => t.id !== taskId && t.title.trim().toLowerCase() === sameTitle)
    : undefined;

  return (
    <fieldset className="form-grid" disabled={disabled}>
      <Field
        name="title"
        label={fieldLabels.title}
        error={errors.title}
        hint={
          namesake
            ? `Another task is already called "${namesake.title}": a different title tells them apart in notifications and the tray.`
            : undefined
        }
        className="span-2"
      >
        {(a11y) => <input {...a11y} type="text" autoComplete="off" {...text('title')} />}
      </Field>

      <Field name="description" label={fieldLabels.description} error={errors.description} className="span-2">
        {(a11y) => (
          <textarea
            {...a11y}
            name="description"
            rows={2}
            value={values.description}
            onChange={(e) => onChange('description', e.target.value)}
          />
        )}
      </Field>

      <Field name="status" label={fieldLabels.status} error={errors.status}>
        {(a11y) => (
          <select
            {...a11y}
            name="status"
            value={values.status}
            onChange={(e) => onChange('status', e.target.value as FormValues['status'])}
          >
            {boardStatuses.map((s) => (
              <option key={s} value={s}>
                {statusTitles[s]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field name="priority" label={fieldLabels.priority} error={errors.priority}>
        {(a11y) => (
          <select
            {...a11y}
            name="priority"
            value={values.priority}
            onChange={(e) => onChange('priority', e.target.value as FormValues['priority'])}
          >
            {priorityOptions.map((p) => (
              <option key={p} value={p}>
                {priorityLabels[p]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field
        name="taskType"
        label={fieldLabels.taskType}
        error={errors.taskType}
        hint="Lowercase, e.g. general, research, code"
      >
        {(a11y) => <input {...a11y} type="text" autoComplete="off" {...text('taskType')} />}
      </Field>

      <Field name="tags" label={fieldLabels.tags} error={errors.tags} hint="Separated by commas, e.g. daily, news">
        {(a11y) => <input {...a11y} type="text" autoComplete="off" {...text('tags')} />}
      </Field>

      <Field name="projectId" label={fieldLabels.projectId} error={errors.projectId}>
        {(a11y) => (
          <select
            {...a11y}
            name="projectId"
            value={values.projectId}
            onChange={(e) => onChange('projectId', e.target.value)}
          >
            <option value="">No project</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <ScheduleEditor values={values} errors={errors} displayTimeZone={displayTimeZone} onChange={onChange}>
        {scheduleExtras}
      </ScheduleEditor>

      <RunSettingsFields values={values} errors={errors} tasks={tasks} taskId={taskId} onChange={onChange} />

      <LimitsFields values={values} errors={errors} onChange={onChange} />

      {taskId && <TaskRating taskId={taskId} />}

      <Field name="deadline" label={fieldLabels.deadline} error={errors.deadline} hint={`In ${displayTimeZone}`}>
        {(a11y) => (
          <input
            {...a11y}
            type="datetime-local"
            name="deadline"
            value={values.deadline}
            onChange={(e) => onChange('deadline', e.target.value)}
          />
        )}
      </Field>

      <Field
        name="successCriteria"
        label={fieldLabels.successCriteria}
        error={errors.successCriteria}
        hint="One per line. To check one after every run, add => and a JMESPath expression over the run, e.g. All tests pass => steps.tests.exit_code == `0`"
        className="span-2"
      >
        {(a11y) => (
          <textarea
            {...a11y}
            name="successCriteria"
            rows={2}
            value={values.successCriteria}
            onChange={(e) => onChange('successCriteria', e.target.value)}
          />
        )}
      </Field>

      <PipelineField
        value={values.pipeline}
        error={errors.pipeline}
        onChange={(v) => onChange('pipeline', v)}
        params={values.params}
        title={values.title}
        taskId={taskId}
        projectId={values.projectId || null}
      />
    </fieldset>
  );
}
