// A real remote MCP server for the client tests: McpServer from @modelcontextprotocol/sdk behind
// its StreamableHTTPServerTransport (stateless, one transport per request) on 127.0.0.1, which
// refuses every request whose Authorization header is not `Bearer <token>`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface RemoteMcpServer {
  url: string;
  /** How many requests were refused for a wrong or missing token. */
  refused(): number;
  close(): Promise<void>;
}

function toolServer(): McpServer {
  const server = new McpServer({ name: 'ridgeline-remote-fixture', version: '1.0.0' });
  server.registerTool(
    'forecast',
    {
      description: 'The forecast for a city',
      inputSchema: { city: z.string() },
      outputSchema: { city: z.string(), sky: z.string() },
    },
    async ({ city }) => ({
      content: [{ type: 'text', text: `${city}: clear` }],
      structuredContent: { city, sky: 'clear' },
    }),
  );
  return server;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startRemoteMcpServer(token: string): Promise<RemoteMcpServer> {
  let refused = 0;
  const http: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      refused++;
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    void (async () => {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const server = toolServer();
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, await bodyOf(req));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    refused: () => refused,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
