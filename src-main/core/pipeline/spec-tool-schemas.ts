// A step's `with` checked against its tool's schemas while a pipeline is written: fields missing,
// unknown or of the wrong type (values that are templates are known only at run time), and the
// output fields a `${steps.x.field}` reference may name.
import { z } from 'zod';
import { isTemplate } from './template';

/** A tool as the validator sees it: zod schemas (built-in tools) or JSON Schemas (MCP servers). */
export type ToolSchemas =
  | { input: z.ZodType; output?: z.ZodType }
  | { inputSchema: Record<string, unknown>; outputSchema?: Record<string, unknown> };
export type ToolLookup = (name: string) => ToolSchemas | undefined;

export type Path = (string | number)[];
export interface RawIssue {
  path: Path;
  message: string;
}

const jsonSchemas = {
  input: new WeakMap<z.ZodType, JsonSchema | null>(),
  output: new WeakMap<z.ZodType, JsonSchema | null>(),
};
type JsonSchema = Record<string, unknown>;

/** A tool's zod schema as JSON Schema, converted once; null when it cannot be expressed. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema | null {
  const cache = jsonSchemas[io];
  if (cache.has(schema)) return cache.get(schema) ?? null;
  let json: JsonSchema | null;
  try {
    json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  } catch {
    json = null;
  }
  cache.set(schema, json);
  return json;
}

/** The top-level fields of a closed object schema, or null when any field is allowed. */
export function closedFields(schema: JsonSchema | null | undefined): string[] | null {
  if (!schema || schema.type !== 'object' || schema.additionalProperties !== false) return null;
  return Object.keys((schema.properties ?? {}) as Record<string, unknown>);
}

export function outputFields(tool: ToolSchemas | undefined): string[] | null {
  if (!tool) return null;
  if ('inputSchema' in tool) return closedFields(tool.outputSchema);
  return tool.output ? closedFields(jsonSchemaOf(tool.output, 'output')) : null;
}

/** `with` against the tool's input schema; a template stands for a value known only at run time. */
export function inputIssues(input: Record<string, unknown>, tool: ToolSchemas): RawIssue[] {
  if ('inputSchema' in tool) {
    const required = Array.isArray(tool.inputSchema.required) ? (tool.inputSchema.required as string[]) : [];
    return required.filter((name) => input[name] === undefined).map((name) => ({ path: [name], message: 'missing' }));
  }
  const issues: RawIssue[] = [];
  const known = closedFields(jsonSchemaOf(tool.input, 'input'));
  if (known) {
    for (const key of Object.keys(input)) {
      if (!known.includes(key)) issues.push({ path: [key], message: 'unknown field' });
    }
  }
  const result = tool.input.safeParse(input);
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    const path = issue.path as Path;
    if (holdsTemplate(input, path)) continue;
    if (issue.code === 'unrecognized_keys') {
      if (path.length > 0 || !known) {
        issues.push(...issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' })));
      }
      continue;
    }
    const value = valueAt(input, path);
    // A bad record key only says "Invalid key in record"; the key's own check says what is wrong.
    const message =
      value === undefined && issue.code === 'invalid_type'
        ? 'missing'
        : issue.code === 'invalid_key'
          ? `is not a valid key: ${issue.issues.map((i) => i.message).join(', ')}`
          : readable(issue.message);
    issues.push({ path, message });
  }
  return issues;
}

export function readable(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** True when the value at `path`, or a value that contains it, is a template. */
function holdsTemplate(input: unknown, path: Path): boolean {
  for (let i = 0; i <= path.length; i++) {
    if (isTemplate(valueAt(input, path.slice(0, i)))) return true;
  }
  return false;
}
