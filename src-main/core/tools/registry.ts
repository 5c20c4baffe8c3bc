// The built-in tools, their catalogue as JSON Schema, and runTool(): the one place where a step's
// input is checked before a tool runs and its output after.
import { z } from 'zod';
import { agentRun } from './agent';
import { approvalRequest } from './approval';
import { fileRead, fileWrite } from './file';
import { git } from './git';
import { httpRequest } from './http';
import { llmGenerate, llmStructured } from './llm';
import { notifySend } from './notify';
import { shellExec } from './shell';
import { taskCreate } from './task-create';
import { contextSet, taskProgress } from './task-memory';
import { ToolError, type Tool, type ToolContext } from './tool';
import { wait } from './wait';

export const builtinTools: readonly Tool[] = [
  shellExec,
  wait,
  llmGenerate,
  llmStructured,
  httpRequest,
  fileRead,
  fileWrite,
  git,
  agentRun,
  notifySend,
  taskCreate,
  approvalRequest,
  taskProgress,
  contextSet,
];

const byName = new Map(builtinTools.map((tool) => [tool.name, tool]));

export function findTool(name: string): Tool | undefined {
  return byName.get(name);
}

export interface ToolCatalogEntry {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

/** What the pipeline editor, the CLI and the LLM planner are told about each tool. */
export function toolCatalog(tools: readonly Tool[] = builtinTools): ToolCatalogEntry[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input, { io: 'input' }),
    outputSchema: z.toJSONSchema(tool.output, { io: 'output' }),
  }));
}

/**
 * Runs a tool on a step's raw `with` input. A bad input names the step and the field; a bad output
 * names the tool. Both are permanent: running the same step again cannot fix them.
 */
export async function runTool(tool: Tool, rawInput: unknown, context: ToolContext): Promise<unknown> {
  const input = tool.input.safeParse(rawInput);
  if (!input.success) {
    throw new ToolError('permanent', `steps.${context.stepId}.with: ${describeIssues(input.error)}`, {
      issues: input.error.issues,
    });
  }
  const output = tool.output.safeParse(await tool.execute(input.data, context));
  if (!output.success) {
    throw new ToolError('permanent', `tool ${tool.name} returned invalid output: ${describeIssues(output.error)}`, {
      issues: output.error.issues,
    });
  }
  return output.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      // A bad record key only says "Invalid key in record"; the key's own check says what is wrong.
      const inner = issue.code === 'invalid_key' ? `: ${issue.issues.map((i) => i.message).join(', ')}` : '';
      return `${formatPath(issue.path)}: ${issue.message}${inner}`;
    })
    .join('; ');
}

/** ['env', 'A B'] -> env["A B"]; ['argv', 0] -> argv[0]; [] -> (input) */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(input)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}
