// A real remote MCP server for the client tests: McpServer from @modelcontextprotocol/sdk behind
// its StreamableHTTPServerTransport (stateless, one transport per request) on 127.0.0.1, or behind
// the older SSEServerTransport (GET /sse for the stream, POST /messages), which refuses every
// request whose Authorization header is not `Bearer <token>`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
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

export async function startRemoteMcpServer(
  token: string,
  transport: 'http' | 'sse' = 'http',
): Promise<RemoteMcpServer> {
  let refused = 0;
  const sessions = new Map<string, SSEServerTransport>();
  const http: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      refused++;
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    if (transport === 'sse') {
      void serveSse(req, res, sessions).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
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
    url: `http://127.0.0.1:${port}/${transport === 'sse' ? 'sse' : 'mcp'}`,
    refused: () => refused,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

async function serveSse(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: Map<string, SSEServerTransport>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/sse') {
    const stream = new SSEServerTransport('/messages', res);
    sessions.set(stream.sessionId, stream);
    res.on('close', () => sessions.delete(stream.sessionId));
    await toolServer().connect(stream);
    return;
  }
  const session = sessions.get(url.searchParams.get('sessionId') ?? '');
  if (req.method !== 'POST' || !session) {
    res.writeHead(404).end();
    return;
  }
  await session.handlePostMessage(req, res, await bodyOf(req));
}
