// Ridgeline as an MCP server: lists the tools of tools.ts and runs them against the API contract.
// A refused call comes back as a tool error with its { code, message, details }, never as a crash.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toErrorPayload } from '../core/lib/errors';
import type { ApiCaller } from './api-caller';
import { tools } from './tools';

export const MCP_SERVER_NAME = 'ridgeline';

function errorResult(error: unknown): CallToolResult {
  const payload = toErrorPayload(error);
  return {
    isError: true,
    content: [
      { type: 'text', text: payload.message },
      { type: 'text', text: JSON.stringify(payload) },
    ],
  };
}

export function createMcpServer(api: ApiCaller, version: string): Server {
  const server = new Server(
    { name: MCP_SERVER_NAME, title: 'Ridgeline', version },
    {
      capabilities: { tools: {} },
      instructions:
        'Ridgeline runs scheduled agent pipelines on this machine. Validate a pipeline and preview a schedule before creating a task.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map(({ name, title, description, inputSchema, outputSchema }) => ({
      name,
      title,
      description,
      inputSchema,
      outputSchema,
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) {
      return errorResult(new Error(`There is no tool named "${request.params.name}".`));
    }
    try {
      const structured = await tool.run(api, request.params.arguments ?? {});
      return { structuredContent: structured, content: [{ type: 'text', text: JSON.stringify(structured) }] };
    } catch (error) {
      return errorResult(error);
    }
  });
  return server;
}
