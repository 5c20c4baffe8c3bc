// The task form's "Limits and follow-up" section: the task's monthly budget, how long a whole run may
// take, how late a missed run is still caught up, which notifications it sends, its stored param
// values, the estimate, and beside it the actual hours its runs took. Step time limits are the
// steps' own `timeout` (ms).
import type { ChangeEvent } from 'react';
import { Field } from '../../components/field';
import './limits.css';
import { hoursSummary } from '../../lib/hours-format';
import {
  fieldLabels,
  notifyKinds,
  type FieldErrors,
  type FormValues,
  type NotifyChoice,
  type NotifyKind,
} from './form-values';

const notifyLabels: Record<NotifyKind, string> = {
  onSuccess: 'Run succeeded',
  onFailure: 'Run failed',
  onHalt: 'Run halted',
  onApproval: 'Approval needed',
  onBudgetWarning: 'Budget warning',
};

interface LimitsFieldsProps {
  values: FormValues;
  errors: FieldErrors;
  onChange<K extends keyof FormValues>(field: K, value: FormValues[K]): void;
}

type NumberField = 'budgetUsd' | 'timeoutMinutes' | 'misfireGraceHours' | 'estimatedHours';

/** The actual hours beside the estimate being typed; "No finished runs yet" before any. */
function hoursText(actual: string, estimate: string): string {
  if (actual === '') return 'No finished runs yet';
  const typed = Number(estimate);
  return hoursSummary(Number(actual), estimate.trim() === '' || Number.isNaN(typed) ? null : typed) ?? '';
}

export function LimitsFields({ values, errors, onChange }: LimitsFieldsProps) {
  const number = (field: NumberField, hint: string) => (
    <Field name={field} label={fieldLabels[field]} error={errors[field]} hint={hint}>
      {(a11y) => (
        <input
          {...a11y}
          name={field}
          type="number"
          inputMode="decimal"
          min="0"
          step="any"
          value={values[field]}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(field, e.target.value)}
        />
      )}
    </Field>
  );
  const setNotify = (kind: NotifyKind, choice: NotifyChoice) =>
    onChange('notify', { ...values.notify, [kind]: choice });

  return (
    <fieldset className="form-section span-2" data-testid="limits-fields">
      <legend>Limits and follow-up</legend>
      <div className="form-section-grid">
        {number('budgetUsd', 'Per calendar month; empty for none. Runs halt when it is spent.')}
        {number('timeoutMinutes', 'Empty for none. Each step may also set its own timeout (ms).')}
        {number('misfireGraceHours', 'Empty for the default, 24 hours.')}
        {number('estimatedHours', 'Empty if unknown.')}
        <div className="field">
          <span className="field-label" id="actual-hours-label">
            {fieldLabels.actualHours}
          </span>
          <output aria-labelledby="actual-hours-label" className="hours-actual" data-testid="actual-hours">
            {hoursText(values.actualHours, values.estimatedHours)}
          </output>
          <p className="field-hint">The time this task’s finished runs took, added up.</p>
        </div>
        <Field name="notify" label={fieldLabels.notify} error={errors.notify} className="span-2">
          {(a11y) => (
            <div className="notify-grid" role="group" id={a11y.id} aria-describedby={a11y['aria-describedby']}>
              {notifyKinds.map((kind) => (
                <label key={kind} className="notify-choice">
                  <span>{notifyLabels[kind]}</span>
                  <select
                    name={`notify.${kind}`}
                    value={values.notify[kind]}
                    onChange={(e) => setNotify(kind, e.target.value as NotifyChoice)}
                  >
                    <option value="default">As in Settings</option>
                    <option value="on">Notify</option>
                    <option value="off">Don’t notify</option>
                  </select>
                </label>
              ))}
            </div>
          )}
        </Field>
        <Field
          name="params"
          label={fieldLabels.params}
          error={errors.params}
          hint='Values for the pipeline’s params, e.g. {"repo": "ridgeline"}. Scheduled runs get them; Run now starts from them.'
          className="span-2"
        >
          {(a11y) => (
            <textarea
              {...a11y}
              name="params"
              className="mono"
              rows={3}
              spellCheck={false}
              value={values.params}
              onChange={(e) => onChange('params', e.target.value)}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
