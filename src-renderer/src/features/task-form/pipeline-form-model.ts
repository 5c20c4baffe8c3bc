// The form view of a simple pipeline, and its way back to the text. A tool's input JSON Schema (from
// tools.list) becomes form fields: text, number, yes/no, a choice, a list of lines. A pipeline is
// simple when every step has only an id, a tool and inputs those fields can hold; anything else stays
// in the text, and the reason says which step and which part. Pure, so it is unit-tested.
import { stringify as yamlText } from 'yaml';
import type { Pipeline } from '../../api/contract-types';
import { parsePipeline } from './pipeline-text';

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'lines';

export interface FormField {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string | null;
  /** The values a choice offers. */
  options: string[];
  /** The tool's own default, shown as the empty field's placeholder. */
  defaultValue: unknown;
}

export interface ToolForm {
  fields: FormField[];
  /** Inputs the form cannot hold (objects, lists of objects): set them in the text. */
  textOnly: string[];
}

type JsonSchema = Record<string, unknown>;

function kindOf(schema: JsonSchema): { kind: FieldKind; options: string[] } | null {
  const options = Array.isArray(schema.enum) ? schema.enum.filter((v): v is string => typeof v === 'string') : [];
  if (options.length > 0) return { kind: 'choice', options };
  switch (schema.type) {
    case 'string':
      return { kind: 'text', options };
    case 'number':
      return { kind: 'number', options };
    case 'integer':
      return { kind: 'integer', options };
    case 'boolean':
      return { kind: 'boolean', options };
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      return items.type === 'string' && !Array.isArray(items.enum) ? { kind: 'lines', options } : null;
    }
    default:
      return null;
  }
}

/** The form fields of a tool's input schema, required ones first, in the schema's order. */
export function formOfSchema(schema: JsonSchema): ToolForm {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields: FormField[] = [];
  const textOnly: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const kind = kindOf(property);
    if (!kind) {
      textOnly.push(name);
      continue;
    }
    fields.push({
      name,
      ...kind,
      required: required.has(name) && property.default === undefined,
      description: typeof property.description === 'string' ? property.description : null,
      defaultValue: property.default,
    });
  }
  fields.sort((a, b) => Number(b.required) - Number(a.required));
  return { fields, textOnly };
}

export type FormValue = string | number | boolean | string[];

export interface FormStep {
  id: string;
  uses: string;
  with: Record<string, FormValue>;
}

export interface FormModel {
  /** Kept as they are: the form edits the steps only. */
  params: Pipeline['params'] | undefined;
  steps: FormStep[];
}

export type ToolSchemas = ReadonlyMap<string, JsonSchema>;

const STEP_KEYS = new Set(['id', 'uses', 'with']);

function fits(field: FormField | undefined, value: unknown): boolean {
  if (!field) return false;
  if (typeof value === 'string') {
    if (field.kind === 'text') return true;
    // A number field also takes a template such as ${params.limit}.
    if (field.kind === 'number' || field.kind === 'integer') return !value.includes('\n');
    return field.kind === 'choice' && field.options.includes(value);
  }
  if (typeof value === 'number') return field.kind === 'number' || field.kind === 'integer';
  if (typeof value === 'boolean') return field.kind === 'boolean';
  return (
    field.kind === 'lines' && Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes('\n'))
  );
}

/** The form's model of the text, or why the text cannot be shown as a form. */
export function formModelOf(text: string, tools: ToolSchemas): { model: FormModel } | { reason: string } {
  const parsed = parsePipeline(text);
  if ('syntaxError' in parsed) return { reason: `the text does not read yet (${parsed.syntaxError})` };
  const pipeline = parsed.pipeline as unknown;
  if (typeof pipeline !== 'object' || pipeline === null || Array.isArray(pipeline)) {
    return { reason: 'the text is not an object with steps' };
  }
  const extra = Object.keys(pipeline).filter((k) => k !== 'steps' && k !== 'params');
  if (extra.length > 0) return { reason: `it has ${extra.join(', ')} besides steps and params` };
  const { steps = [], params } = pipeline as { steps?: unknown; params?: Pipeline['params'] };
  if (!Array.isArray(steps)) return { reason: 'steps is not a list' };
  const formSteps: FormStep[] = [];
  for (const [index, raw] of steps.entries()) {
    const where = `step ${index + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { reason: `${where} is not an object` };
    const step = raw as Record<string, unknown>;
    const label = typeof step.id === 'string' ? `${where} (${step.id})` : where;
    const other = Object.keys(step).filter((k) => !STEP_KEYS.has(k));
    if (other.length > 0) return { reason: `${label} has ${other.join(', ')}, which the form does not edit` };
    if (typeof step.id !== 'string' || typeof step.uses !== 'string')
      return { reason: `${label} needs an id and a tool` };
    const schema = tools.get(step.uses);
    if (!schema) return { reason: `${label} uses ${step.uses}, a tool the form does not know` };
    const form = formOfSchema(schema);
    const input = (step.with ?? {}) as Record<string, unknown>;
    if (typeof input !== 'object' || Array.isArray(input)) return { reason: `${label}: with is not an object` };
    for (const [name, value] of Object.entries(input)) {
      const field = form.fields.find((f) => f.name === name);
      if (!fits(field, value)) {
        return { reason: `${label}: with.${name} is more than a form field holds (text, a number, yes/no or lines)` };
      }
    }
    formSteps.push({ id: step.id, uses: step.uses, with: input as Record<string, FormValue> });
  }
  return { model: { params, steps: formSteps } };
}

/** The pipeline the form holds: empty inputs are left out, so the tool's defaults apply. */
export function pipelineOfModel(model: FormModel): Pipeline {
  const steps = model.steps.map((step) => {
    const input = Object.fromEntries(
      Object.entries(step.with).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)),
    );
    return { id: step.id, uses: step.uses, ...(Object.keys(input).length > 0 ? { with: input } : {}) };
  });
  return { ...(model.params ? { params: model.params } : {}), steps } as Pipeline;
}

export type TextFormat = 'json' | 'yaml';

/** YAML when the text is written in it; JSON otherwise (and for a blank text). */
export function formatOf(text: string): TextFormat {
  return /^\s*([{[]|$)/.test(text) ? 'json' : 'yaml';
}

export function textOfModel(model: FormModel, format: TextFormat): string {
  const pipeline = pipelineOfModel(model);
  return format === 'json' ? JSON.stringify(pipeline, null, 2) : yamlText(pipeline);
}

/** A field's typed text as the value stored: numbers as numbers unless they hold a ${...} template. */
export function valueOfInput(field: FormField, text: string): FormValue {
  if (field.kind === 'lines') return text === '' ? [] : text.split('\n');
  if (field.kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : '';
  if ((field.kind === 'number' || field.kind === 'integer') && /^-?\d+(\.\d+)?$/.test(text.trim())) {
    return Number(text.trim());
  }
  return text;
}

export function inputOfValue(value: FormValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

/** A step id not yet taken: the tool's last name part, numbered. */
export function newStepId(uses: string, steps: readonly FormStep[]): string {
  const base = (uses.split('.').at(-1) ?? 'step').replace(/[^A-Za-z0-9_-]/g, '_') || 'step';
  const taken = new Set(steps.map((s) => s.id));
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}
