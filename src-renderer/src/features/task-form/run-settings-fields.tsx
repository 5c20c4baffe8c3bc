// The task form's "How it runs" section: the tasks each run waits for, what a run does while another
// is running, how many run at once, and how failed runs are retried. Controlled, errors inline.
import type { ChangeEvent } from 'react';
import type { Task } from '../../api/contract-types';
import { Field } from '../../components/field';
import {
  overlapPolicyExplanations,
  overlapPolicyOptions,
  recoveryPolicyExplanations,
  recoveryPolicyOptions,
} from '../../lib/vocabulary';
import { fieldLabels, type FieldErrors, type FormValues } from './form-values';

interface RunSettingsFieldsProps {
  values: FormValues;
  errors: FieldErrors;
  /** The tasks the board knows, to choose dependencies from. */
  tasks: readonly Pick<Task, 'id' | 'title'>[];
  /** The task being edited, which cannot depend on itself; null for a new task. */
  taskId: string | null;
  onChange<K extends keyof FormValues>(field: K, value: FormValues[K]): void;
}

export function RunSettingsFields({ values, errors, tasks, taskId, onChange }: RunSettingsFieldsProps) {
  const number = (field: 'maxConcurrentRuns' | 'retryAttempts' | 'retryDelaySeconds') => ({
    name: field,
    type: 'number',
    inputMode: 'numeric' as const,
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange(field, e.target.value),
  });

  return (
    <fieldset className="form-section span-2" data-testid="run-settings">
      <legend>How it runs</legend>
      <div className="form-section-grid">
        <DependsOnField
          selected={values.dependsOn}
          error={errors.dependsOn}
          tasks={tasks}
          taskId={taskId}
          onChange={(ids) => onChange('dependsOn', ids)}
        />

        <Field name="overlapPolicy" label={fieldLabels.overlapPolicy} error={errors.overlapPolicy} className="span-2">
          {(a11y) => (
            <select
              {...a11y}
              name="overlapPolicy"
              value={values.overlapPolicy}
              onChange={(e) => onChange('overlapPolicy', e.target.value as FormValues['overlapPolicy'])}
            >
              {overlapPolicyOptions.map((p) => (
                <option key={p} value={p}>
                  {overlapPolicyExplanations[p]}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          name="maxConcurrentRuns"
          label={fieldLabels.maxConcurrentRuns}
          error={errors.maxConcurrentRuns}
          hint="1 to 64"
        >
          {(a11y) => <input {...a11y} min={1} max={64} step={1} {...number('maxConcurrentRuns')} />}
        </Field>

        <Field name="recovery" label={fieldLabels.recovery} error={errors.recovery}>
          {(a11y) => (
            <select
              {...a11y}
              name="recovery"
              value={values.recovery}
              onChange={(e) => onChange('recovery', e.target.value as FormValues['recovery'])}
            >
              {recoveryPolicyOptions.map((p) => (
                <option key={p} value={p}>
                  {recoveryPolicyExplanations[p]}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field name="retryAttempts" label={fieldLabels.retryAttempts} error={errors.retryAttempts} hint="1 to 20">
          {(a11y) => <input {...a11y} min={1} max={20} step={1} {...number('retryAttempts')} />}
        </Field>

        <Field name="retryDelaySeconds" label={fieldLabels.retryDelaySeconds} error={errors.retryDelaySeconds}>
          {(a11y) => <input {...a11y} min={0} max={3600} step="any" {...number('retryDelaySeconds')} />}
        </Field>

        <label className="form-check span-2">
          <input
            type="checkbox"
            name="wakeToRun"
            checked={values.wakeToRun}
            aria-describedby="field-wakeToRun-hint"
            onChange={(e) => onChange('wakeToRun', e.target.checked)}
          />
          {fieldLabels.wakeToRun}
        </label>
        <p className="field-hint span-2" id="field-wakeToRun-hint">
          Wakes this computer from sleep a minute before each scheduled run, where the OS lets Ridgeline (Settings says
          whether it can).
        </p>
        {errors.wakeToRun && (
          <p className="form-error span-2" role="alert">
            {errors.wakeToRun}
          </p>
        )}

        <p className="field-hint span-2" data-testid="retry-hint">
          Failed runs retry after 1 s, 2 s, 4 s … for network errors, timeouts, rate limits and server errors; other
          errors fail at once.
        </p>
      </div>
    </fieldset>
  );
}

interface DependsOnFieldProps {
  selected: string[];
  error: string | undefined;
  tasks: readonly Pick<Task, 'id' | 'title'>[];
  taskId: string | null;
  onChange(ids: string[]): void;
}

/** A checkbox per other task, in a scrollable box; a chosen task the board does not list stays listed. */
function DependsOnField({ selected, error, tasks, taskId, onChange }: DependsOnFieldProps) {
  const known = new Map(tasks.filter((t) => t.id !== taskId).map((t) => [t.id, t.title]));
  const options = [...known].map(([id, title]) => ({ id, title }));
  for (const id of selected) if (!known.has(id)) options.push({ id, title: 'A task not on the board' });
  options.sort((a, b) => a.title.localeCompare(b.title));
  const hintId = 'field-dependsOn-hint';
  const errorId = error ? 'field-dependsOn-error' : undefined;

  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));

  return (
    <fieldset
      className={`field depends-on span-2${error ? ' field-invalid' : ''}`}
      aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}
    >
      <legend className="depends-on-legend">{fieldLabels.dependsOn}</legend>
      {options.length > 0 ? (
        <ul className="depends-on-list" data-testid="depends-on-list">
          {options.map((option) => (
            <li key={option.id}>
              <label className="depends-on-option">
                <input
                  type="checkbox"
                  name="dependsOn"
                  value={option.id}
                  aria-invalid={Boolean(error)}
                  checked={selected.includes(option.id)}
                  onChange={(e) => toggle(option.id, e.target.checked)}
                />
                <span>{option.title}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="depends-on-empty">No other tasks yet.</p>
      )}
      <p className="field-hint" id={hintId}>
        Each run waits until these tasks have succeeded since it was queued; it is marked blocked if one fails.
      </p>
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid="error-dependsOn">
          {error}
        </p>
      )}
    </fieldset>
  );
}
