// The task form's schedule section: presets, kind, expression, timezone and missed-run policy, with
// a live preview from the server. Errors from the preview show inline but never block typing.
import type { ReactNode } from 'react';
import { Field } from '../../components/field';
import { isTimeZone } from '../../lib/schedule-format';
import {
  misfirePolicyExplanations,
  misfirePolicyOptions,
  scheduleKindLabels,
  scheduleKindOptions,
} from '../../lib/vocabulary';
import { fieldLabels, type FieldErrors, type FormValues } from './form-values';
import { SchedulePreviewPanel } from './schedule-preview';
import { commonTimeZones, expressionHelp, schedulePresets, type SchedulePreset } from './schedule-presets';
import { useSchedulePreview } from './use-schedule-preview';

interface ScheduleEditorProps {
  values: FormValues;
  /** The errors of the last save; they win over the preview's until the field is edited. */
  errors: FieldErrors;
  displayTimeZone: string;
  onChange<K extends keyof FormValues>(field: K, value: FormValues[K]): void;
  /** Shown under the preview: the run controls of an existing task. */
  children?: ReactNode;
}

export function ScheduleEditor({ values, errors, displayTimeZone, onChange, children }: ScheduleEditorProps) {
  const kind = values.scheduleKind;
  const manual = kind === 'manual';
  const help = expressionHelp[kind];
  const preview = useSchedulePreview(kind, values.scheduleExpr, values.scheduleTimezone, displayTimeZone);
  const live = !preview.pending && preview.result?.status === 'invalid' ? preview.result : null;
  const exprError = errors.scheduleExpr ?? live?.exprError;
  const timezoneError = errors.scheduleTimezone ?? live?.timezoneError;

  const applyPreset = (preset: SchedulePreset) => {
    const typed = values.scheduleTimezone.trim();
    const zone = typed && isTimeZone(typed) ? typed : displayTimeZone;
    onChange('scheduleKind', preset.kind);
    onChange('scheduleExpr', preset.expr(zone));
  };
  const isCurrent = (preset: SchedulePreset) =>
    preset.kind === kind && preset.kind !== 'once' && preset.expr(displayTimeZone) === values.scheduleExpr.trim();

  const exprControl = {
    name: 'scheduleExpr',
    value: manual ? '' : values.scheduleExpr,
    placeholder: help.placeholder,
    disabled: manual,
    autoComplete: 'off',
    spellCheck: false,
  };

  return (
    <fieldset className="schedule-editor span-2">
      <legend>When it runs</legend>
      <div className="schedule-presets" role="group" aria-label="Schedule presets">
        <span className="schedule-presets-label">Presets</span>
        {schedulePresets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className="chip"
            aria-pressed={isCurrent(preset)}
            onClick={() => applyPreset(preset)}
          >
            {preset.label}
          </button>
        ))}
      </div>

      <div className="schedule-grid">
        <Field name="scheduleKind" label={fieldLabels.scheduleKind} error={errors.scheduleKind}>
          {(a11y) => (
            <select
              {...a11y}
              name="scheduleKind"
              value={kind}
              onChange={(e) => onChange('scheduleKind', e.target.value as FormValues['scheduleKind'])}
            >
              {scheduleKindOptions.map((k) => (
                <option key={k} value={k}>
                  {scheduleKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          name="scheduleTimezone"
          label={fieldLabels.scheduleTimezone}
          error={timezoneError}
          hint={`Empty means the display timezone, ${displayTimeZone}`}
        >
          {(a11y) => (
            <>
              <input
                {...a11y}
                type="text"
                name="scheduleTimezone"
                list="schedule-timezones"
                autoComplete="off"
                spellCheck={false}
                placeholder={displayTimeZone}
                value={values.scheduleTimezone}
                onChange={(e) => onChange('scheduleTimezone', e.target.value)}
              />
              <datalist id="schedule-timezones">
                {commonTimeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>

        <Field
          name="scheduleExpr"
          label={fieldLabels.scheduleExpr}
          error={manual ? undefined : exprError}
          hint={help.hint}
          className="span-2"
        >
          {(a11y) =>
            kind === 'rrule' ? (
              <textarea
                {...a11y}
                {...exprControl}
                rows={2}
                className="mono"
                onChange={(e) => onChange('scheduleExpr', e.target.value)}
              />
            ) : (
              <input
                {...a11y}
                {...exprControl}
                type="text"
                className="mono"
                onChange={(e) => onChange('scheduleExpr', e.target.value)}
              />
            )
          }
        </Field>

        <Field
          name="misfirePolicy"
          label={fieldLabels.misfirePolicy}
          error={errors.misfirePolicy}
          hint="What happens to runs missed while Ridgeline was off or asleep"
          className="span-2"
        >
          {(a11y) => (
            <select
              {...a11y}
              name="misfirePolicy"
              value={values.misfirePolicy}
              disabled={manual}
              onChange={(e) => onChange('misfirePolicy', e.target.value as FormValues['misfirePolicy'])}
            >
              {misfirePolicyOptions.map((m) => (
                <option key={m} value={m}>
                  {misfirePolicyExplanations[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <SchedulePreviewPanel kind={kind} state={preview} displayTimeZone={displayTimeZone} />
      {children}
    </fieldset>
  );
}
