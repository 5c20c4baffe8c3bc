// Structured output: the step's JSON Schema, compiled once, and the check of a model's answer
// against it (is it JSON at all, and does it match), with a message that says where it does not.
import { z } from 'zod';
import { ToolError } from '../tools/tool';

export type OutputCheck = { ok: true; value: unknown } | { ok: false; problem: string };

/** Compiles a JSON Schema for checking answers; a schema that cannot be used is the step's error. */
export function compileOutputSchema(schema: Record<string, unknown>, where: string): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new ToolError(
      'permanent',
      `${where}: not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Checks an answer: JSON (a ```json fence around it is allowed) matching the schema. */
export function checkOutput(text: string, schema: z.ZodType): OutputCheck {
  const body = unfence(text.trim());
  if (body === '') return { ok: false, problem: 'the answer was empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`);
  return { ok: false, problem: `does not match the schema (${issues.join('; ')})` };
}

function unfence(text: string): string {
  const fenced = /^```[a-zA-Z]*\n([\s\S]*?)\n?```$/.exec(text);
  return fenced ? (fenced[1] ?? '').trim() : text;
}

/** ['items', 0, 'title'] -> $.items[0].title */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');
}
