// A form generated from a JSON Schema: a labelled field per property (text, number, a checkbox, a
// choice for an enum), lists whose items can be added and removed, nested objects as groups. What
// the schema does not describe (no type, unions) is edited as JSON in a text area of its own.
import { useState } from 'react';
import type { JsonSchema } from './edit-target';

interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  id: string;
  label: string;
  required?: boolean;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The schema's one non-null type ("string" for ["string", "null"]), or undefined. */
function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const real = type.filter((t) => t !== 'null');
    return real.length === 1 && typeof real[0] === 'string' ? real[0] : undefined;
  }
  return Array.isArray(schema.enum) ? 'enum' : undefined;
}

/** "min_confidence" and "minConfidence" read as "Min confidence". */
export function fieldLabel(key: string, schema: JsonSchema): string {
  if (typeof schema.title === 'string') return schema.title;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function emptyOf(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return 0;
    default:
      return '';
  }
}

function NumberField({ schema, value, onChange, id, label, required }: FieldProps) {
  const [text, setText] = useState(() => (typeof value === 'number' ? String(value) : ''));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={typeOf(schema) === 'integer' ? 1 : 'any'}
        required={required}
        min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
        max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.valueAsNumber;
          onChange(Number.isNaN(n) ? undefined : n);
        }}
      />
    </div>
  );
}

function StringField({ value, onChange, id, label, required }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  // Decided once, so the field does not change under the cursor while typing.
  const [long] = useState(() => text.length > 60 || text.includes('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {long ? (
        <textarea id={id} rows={4} value={text} required={required} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} value={text} required={required} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

function JsonField({ value, onChange, id, label }: FieldProps) {
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{label} (JSON)</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        aria-invalid={problem !== null}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as unknown);
            setProblem(null);
          } catch {
            setProblem('Not valid JSON yet');
          }
        }}
      />
      {problem && <p className="field-error">{problem}</p>}
    </div>
  );
}

function ArrayField({ schema, value, onChange, id, label }: FieldProps) {
  const items = Array.isArray(value) ? value : [];
  const itemSchema = record(schema.items) ?? {};
  const set = (index: number, item: unknown) => onChange(items.map((old, n) => (n === index ? item : old)));
  return (
    <fieldset className="schema-group">
      <legend>{label}</legend>
      {items.length === 0 && <p className="muted">None.</p>}
      <ol className="schema-list">
        {items.map((item, index) => (
          <li key={index} className="schema-list-item">
            <SchemaField
              schema={itemSchema}
              value={item}
              onChange={(next) => set(index, next)}
              id={`${id}-${index}`}
              label={`${label} ${index + 1}`}
            />
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove ${label} ${index + 1}`}
              onClick={() => onChange(items.filter((_, n) => n !== index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button-small" onClick={() => onChange([...items, emptyOf(itemSchema)])}>
        Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

function ObjectField({ schema, value, onChange, id, label }: FieldProps) {
  const current = record(value) ?? {};
  const properties = record(schema.properties) ?? {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return (
    <fieldset className="schema-group">
      <legend>{label}</legend>
      {Object.entries(properties).map(([key, sub]) => (
        <SchemaField
          key={key}
          schema={record(sub) ?? {}}
          value={current[key]}
          onChange={(next) => onChange({ ...current, [key]: next })}
          id={`${id}-${key}`}
          label={fieldLabel(key, record(sub) ?? {})}
          required={required.has(key)}
        />
      ))}
    </fieldset>
  );
}

export function SchemaField(props: FieldProps) {
  const { schema, value, onChange, id, label, required } = props;
  const type = typeOf(schema);
  if (Array.isArray(schema.enum)) {
    const options = schema.enum.map((option) => String(option));
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={String(value ?? '')} required={required} onChange={(e) => onChange(e.target.value)}>
          {!options.includes(String(value ?? '')) && <option value="">Choose…</option>}
          {options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </div>
    );
  }
  if (type === 'object' && record(schema.properties)) return <ObjectField {...props} />;
  if (type === 'array') return <ArrayField {...props} />;
  if (type === 'number' || type === 'integer') return <NumberField {...props} />;
  if (type === 'boolean') {
    return (
      <div className="field field-check">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  if (type === 'string') return <StringField {...props} />;
  return <JsonField {...props} />;
}
