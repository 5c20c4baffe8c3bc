// The runtime's tool lookups with MCP tools added to the built-in ones: findTool for the executor,
// and lookupTool for the pipeline validator (pipeline/spec.ts ToolLookup), which checks a step's
// `with` when a pipeline is written. A running server's tools are checked against the schemas it
// lists (converted to zod, as the executor checks them); a configured server that is not running
// yet gives an open schema, so its steps are checked when they run (McpManager's prepare step starts the
// servers a pipeline names, to check them at once).
import type { ToolLookup, ToolSchemas } from '../pipeline/spec-tool-schemas';
import { findTool as findBuiltinTool } from '../tools/registry';
import type { Tool } from '../tools/tool';
import { zodFromJsonSchema } from './json-schema';
import type { McpManager } from './manager';

const UNLISTED: ToolSchemas = { inputSchema: {} };

export function mcpToolLookup(manager: Pick<McpManager, 'describe'>): ToolLookup {
  // A listing's schema objects stay the same until the server lists its tools again.
  const converted = new WeakMap<Record<string, unknown>, ToolSchemas>();
  return (name) => {
    const info = manager.describe(name);
    if (info === undefined) return undefined;
    if (info === null) return UNLISTED;
    let schemas = converted.get(info.inputSchema);
    if (!schemas) {
      schemas = schemasOf(info.inputSchema, info.outputSchema);
      converted.set(info.inputSchema, schemas);
    }
    return schemas;
  };
}

function schemasOf(input: Record<string, unknown>, output: Record<string, unknown> | null): ToolSchemas {
  try {
    return { input: zodFromJsonSchema(input), ...(output ? { output: zodFromJsonSchema(output) } : {}) };
  } catch {
    // A schema no validator can compile is reported when the step runs.
    return { inputSchema: input, ...(output ? { outputSchema: output } : {}) };
  }
}

export interface RuntimeTools {
  findTool: (name: string) => Tool | undefined;
  lookupTool: ToolLookup;
}

export function toolsWithMcp(manager: Pick<McpManager, 'describe' | 'findTool'>): RuntimeTools {
  const mcpLookup = mcpToolLookup(manager);
  return {
    findTool: (name) => findBuiltinTool(name) ?? manager.findTool(name),
    lookupTool: (name) => findBuiltinTool(name) ?? mcpLookup(name),
  };
}
