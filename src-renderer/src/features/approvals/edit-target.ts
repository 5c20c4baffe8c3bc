// What "Edit and approve" edits, and how: a verdict or a structured answer in a form built from its
// JSON Schema (the step's `with.schema`, the verdict's shape for a verifier, else the tool's output
// schema), a model's draft or an agent's answer as plain text, and only what has no schema as free
// text. The edited part is merged back into the step's output, so provider and usage fields are
// never shown or retyped.
import type { Approval } from '../../api/contract-types';

export type JsonSchema = Record<string, unknown>;

export interface EditTarget {
  /** 'form': fields generated from `schema`; 'text': one text area. */
  mode: 'form' | 'text';
  label: string;
  schema: JsonSchema | null;
  /** The form's value, or the text area's text. */
  initial: unknown;
  /** The value approvals.decide gets for the edited part; throws with a message for a bad text. */
  merge(edited: unknown): unknown;
}

/** A verifier's verdict, as the runtime checks it. */
export const VERDICT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean', title: 'Passes' },
    confidence: { type: 'number', minimum: 0, maximum: 1, title: 'Confidence (0 to 1)' },
    issues: { type: 'array', items: { type: 'string' }, title: 'Issues' },
  },
  required: ['pass', 'confidence', 'issues'],
};

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const hasProperties = (schema: JsonSchema | undefined): schema is JsonSchema =>
  schema !== undefined && schema.type === 'object' && record(schema.properties) !== undefined;

function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {}, null, 2);
}

/** Free text: JSON when the original was not a string (an approval step's input is whatever it asked). */
function freeText(label: string, original: unknown): EditTarget {
  return {
    mode: 'text',
    label,
    schema: null,
    initial: pretty(original),
    merge: (text) => {
      if (typeof original === 'string') return text;
      try {
        return JSON.parse(String(text)) as unknown;
      } catch (e) {
        throw new Error(`The edited output is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
          cause: e,
        });
      }
    },
  };
}

export interface EditTargetInput {
  approval: Approval;
  /** The halted step's recorded input (its rendered `with`), when the run's details are loaded. */
  stepInput: unknown;
  /** The tool's output JSON Schema, from tools.list. */
  toolOutputSchema: JsonSchema | undefined;
}

export function editTargetFor({ approval, stepInput, toolOutputSchema }: EditTargetInput): EditTarget {
  if (approval.kind === 'approval_step') return freeText('Input to approve with', approval.context ?? {});
  const output = record(approval.output) ?? {};
  if ('object' in output || approval.step?.uses === 'llm.structured') {
    const given = record(record(stepInput)?.schema);
    const schema = hasProperties(given) ? given : approval.step?.role === 'verifier' ? VERDICT_SCHEMA : undefined;
    const merge = (object: unknown) => ({ ...output, object });
    if (schema) return { mode: 'form', label: 'Answer to approve with', schema, initial: output.object ?? {}, merge };
    const text = freeText('Answer to approve with', output.object ?? {});
    return { ...text, merge: (edited) => merge(text.merge(edited)) };
  }
  for (const key of ['text', 'result'] as const) {
    if (typeof output[key] === 'string') {
      const label = key === 'text' ? 'Text to approve with' : 'Answer to approve with';
      return { mode: 'text', label, schema: null, initial: output[key], merge: (text) => ({ ...output, [key]: text }) };
    }
  }
  if (hasProperties(toolOutputSchema)) {
    return {
      mode: 'form',
      label: 'Output to approve with',
      schema: toolOutputSchema,
      initial: output,
      merge: (v) => v,
    };
  }
  return freeText('Output to approve with', approval.output);
}
