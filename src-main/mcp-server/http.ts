// MCP over Streamable HTTP at /mcp on a host: stateless, one server and transport per request, so
// no session outlives its request. The host's token and Origin/Host checks run before this.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { ApiCaller } from './api-caller';
import { createMcpServer } from './server';

export type McpHttpHandler = (request: Request, parsedBody: unknown) => Promise<Response>;

export function createMcpHttpHandler(api: ApiCaller, version: string): McpHttpHandler {
  return async (request, parsedBody) => {
    const server = createMcpServer(api, version);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, parsedBody === undefined ? {} : { parsedBody });
    } finally {
      await server.close();
    }
  };
}
