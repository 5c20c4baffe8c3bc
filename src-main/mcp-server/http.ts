// MCP over Streamable HTTP at /mcp on a host: stateless, one server and transport per request, so
// no session outlives its request. The host's token and Origin/Host checks run before this.
import type { ApiCaller } from './api-caller';

export type McpHttpHandler = (request: Request, parsedBody: unknown) => Promise<Response>;

export function createMcpHttpHandler(api: ApiCaller, version: string): McpHttpHandler {
  return async (request, parsedBody) => {
    // The MCP SDK (and its protocol schemas, about 10 MB) loads with the first request to /mcp,
    // not with the host.
    const [{ WebStandardStreamableHTTPServerTransport }, { createMcpServer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
      import('./server'),
    ]);
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
