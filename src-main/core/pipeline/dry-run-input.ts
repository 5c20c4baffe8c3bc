// A dry run's rendered `with` checked against the tool's input schema, as the real run will check
// it: a param that renders to "notanumber" where the tool wants a number is caught before a run.
import type { z } from 'zod';
import { zodFromJsonSchema } from '../mcp/json-schema';
import { toolInput } from './roles';
import type { Path, RawIssue, ToolSchemas } from './spec';
import { readable } from './spec-tool-schemas';

// What renderValue puts where a step output a dry run does not have would go.
const PLACEHOLDER = /<steps\.[^>]*>/;

const mcpSchemas = new WeakMap<Record<string, unknown>, z.ZodType>();

function inputSchemaOf(tool: ToolSchemas): z.ZodType {
  if (!('inputSchema' in tool)) return tool.input;
  let schema = mcpSchemas.get(tool.inputSchema);
  if (!schema) mcpSchemas.set(tool.inputSchema, (schema = zodFromJsonSchema(tool.inputSchema)));
  return schema;
}

function holdsPlaceholder(value: unknown, path: Path): boolean {
  let current = value;
  for (let i = 0; ; i++) {
    if (typeof current === 'string') return PLACEHOLDER.test(current);
    if (i === path.length || current === null || typeof current !== 'object') {
      return current !== null && typeof current === 'object' && PLACEHOLDER.test(JSON.stringify(current));
    }
    current = (current as Record<string | number, unknown>)[path[i]!];
  }
}

/**
 * Issues of a rendered step input under its tool's input schema, with paths inside `with`. A value
 * that holds an output the dry run does not have is known only at run time, so it is not judged.
 */
export function renderedInputIssues(rendered: unknown, tool: ToolSchemas): RawIssue[] {
  const input = toolInput(rendered);
  const result = inputSchemaOf(tool).safeParse(input);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => !holdsPlaceholder(input, issue.path as Path))
    .map((issue) => ({ path: issue.path as Path, message: readable(issue.message) }));
}
