// The form view of a simple pipeline: each step's id, its tool, and the tool's inputs as fields drawn
// from its JSON Schema; steps are added, moved and removed here. Every edit is written straight back
// to the text, in the format the text is in, so the text stays the one source of the pipeline.
import { useState } from 'react';
import type { ToolCatalogEntry } from '../../api/contract-types';
import {
  formatOf,
  formModelOf,
  formOfSchema,
  inputOfValue,
  newStepId,
  textOfModel,
  valueOfInput,
  type FormField,
  type FormModel,
  type FormValue,
  type TextFormat,
} from './pipeline-form-model';

interface PipelineFormProps {
  value: string;
  onChange(value: string): void;
  tools: readonly ToolCatalogEntry[];
}

const LONG_TEXT = /prompt|system|body|content|message|stdin|question|description/;

function FieldInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: FormField;
  value: string;
  onChange(text: string): void;
}) {
  const shownDefault = field.defaultValue === undefined ? '' : inputOfValue(field.defaultValue as FormValue);
  const placeholder = shownDefault ? `default: ${shownDefault}` : undefined;
  if (field.kind === 'choice' || field.kind === 'boolean') {
    const options = field.kind === 'boolean' ? ['true', 'false'] : field.options;
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder ?? '(not set)'}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {field.kind === 'boolean' ? (o === 'true' ? 'yes' : 'no') : o}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === 'lines' || (field.kind === 'text' && (LONG_TEXT.test(field.name) || value.includes('\n')))) {
    return (
      <textarea
        id={id}
        className="mono"
        rows={field.kind === 'lines' ? Math.max(2, value.split('\n').length) : 3}
        value={value}
        placeholder={field.kind === 'lines' ? 'one per line' : placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <input
      id={id}
      type="text"
      inputMode={field.kind === 'text' ? undefined : 'decimal'}
      className={field.kind === 'text' ? undefined : 'mono'}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function PipelineForm({ value, onChange, tools }: PipelineFormProps) {
  const schemas = new Map(tools.map((t) => [t.name, t.inputSchema]));
  const read = formModelOf(value, schemas);
  const [newTool, setNewTool] = useState(tools[0]?.name ?? '');
  if ('reason' in read) {
    return (
      <p className="field-error" role="alert">
        The form cannot show this pipeline: {read.reason}.
      </p>
    );
  }
  const { model } = read;
  const format = formatOf(value);
  const write = (next: FormModel, as: TextFormat = format) => onChange(textOfModel(next, as));
  const editStep = (index: number, edit: (step: FormModel['steps'][number]) => FormModel['steps'][number]) =>
    write({ ...model, steps: model.steps.map((s, i) => (i === index ? edit(s) : s)) });
  const move = (index: number, by: number) => {
    const steps = [...model.steps];
    const [step] = steps.splice(index, 1);
    steps.splice(index + by, 0, step!);
    write({ ...model, steps });
  };

  return (
    <div className="pipeline-form" data-testid="pipeline-form">
      <label className="pipeline-form-format">
        <span>Text format</span>
        <select value={format} onChange={(e) => write(model, e.target.value as TextFormat)}>
          <option value="json">JSON</option>
          <option value="yaml">YAML</option>
        </select>
      </label>
      {model.steps.length === 0 && <p className="muted">No steps yet: add the first one below.</p>}
      <ol className="pipeline-form-steps">
        {model.steps.map((step, index) => {
          const schema = schemas.get(step.uses);
          const form = schema ? formOfSchema(schema) : { fields: [], textOnly: [] };
          const base = `pf-${index}`;
          return (
            <li key={index}>
              <fieldset className="pipeline-form-step" data-testid="pipeline-form-step">
                <legend>
                  Step {index + 1}: {step.id || '(no id)'}
                </legend>
                <div className="pipeline-form-grid">
                  <label htmlFor={`${base}-id`}>Id</label>
                  <input
                    id={`${base}-id`}
                    type="text"
                    className="mono"
                    value={step.id}
                    onChange={(e) => editStep(index, (s) => ({ ...s, id: e.target.value }))}
                  />
                  <label htmlFor={`${base}-uses`}>Tool</label>
                  <select
                    id={`${base}-uses`}
                    value={step.uses}
                    onChange={(e) => editStep(index, (s) => ({ ...s, uses: e.target.value, with: {} }))}
                  >
                    {tools.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                  {form.fields.map((field) => (
                    <FormRow
                      key={field.name}
                      base={base}
                      field={field}
                      step={step}
                      onEdit={(v) => editStep(index, (s) => ({ ...s, with: { ...s.with, [field.name]: v } }))}
                    />
                  ))}
                </div>
                {form.textOnly.length > 0 && <p className="field-hint">Set in the text: {form.textOnly.join(', ')}.</p>}
                <div className="pipeline-form-actions">
                  <button
                    type="button"
                    className="button"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`Move step ${step.id} up`}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={index === model.steps.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move step ${step.id} down`}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    className="button button-danger-quiet"
                    onClick={() => write({ ...model, steps: model.steps.filter((_, i) => i !== index) })}
                    aria-label={`Remove step ${step.id}`}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="pipeline-form-add">
        <label htmlFor="pf-new-tool">New step's tool</label>
        <select id="pf-new-tool" value={newTool} onChange={(e) => setNewTool(e.target.value)}>
          {tools.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!newTool}
          onClick={() =>
            write({
              ...model,
              steps: [...model.steps, { id: newStepId(newTool, model.steps), uses: newTool, with: {} }],
            })
          }
        >
          Add step
        </button>
      </div>
    </div>
  );
}

function FormRow({
  base,
  field,
  step,
  onEdit,
}: {
  base: string;
  field: FormField;
  step: FormModel['steps'][number];
  onEdit(value: ReturnType<typeof valueOfInput>): void;
}) {
  const id = `${base}-with-${field.name}`;
  return (
    <>
      <label htmlFor={id}>
        {field.name}
        {field.required && <span aria-hidden="true"> *</span>}
        {field.required && <span className="visually-hidden"> (required)</span>}
      </label>
      <FieldInput
        id={id}
        field={field}
        value={inputOfValue(step.with[field.name])}
        onChange={(text) => onEdit(valueOfInput(field, text))}
      />
    </>
  );
}
