// Starts the headless host's HTTP server on 127.0.0.1: the Hono app of app.ts on Node's http
// server, with time limits on headers and bodies and a last guard so no request can stop the process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { AppError } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import type { McpHttpHandler } from '../mcp-server/http';
import { createApp, errorResponse } from './app';
import type { AccessPolicy } from './auth';
import type { OpenStreams } from './events';
import { HttpRefusal } from './request-body';

export interface HttpLimits {
  maxBodyBytes: number;
  /** A request body that sends nothing for this long is answered 408. */
  bodyIdleMs: number;
  /** The request line and headers must arrive within this time. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this time. */
  requestTimeoutMs: number;
  /** How often Node looks for requests past those limits. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 1024 * 1024,
  bodyIdleMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
};

export interface HttpHostOptions {
  api: RuntimeApi;
  token: string;
  port: number;
  staticRoot: string;
  logger: Logger;
  limits?: Partial<HttpLimits>;
  /** MCP over Streamable HTTP at /mcp. */
  mcp?: McpHttpHandler;
}

export interface HttpHost {
  server: Server;
  port: number;
  baseUrl: string;
  loginUrl: string;
  close(): Promise<void>;
}

const clientErrorStatus: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** Requests Node's parser refuses (bad request line, headers, timeouts) get a JSON answer too. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (error.code === 'ECONNRESET' && socket.destroyed)) {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus[error.code ?? ''] ?? 400;
  const message =
    status === 408
      ? 'The request did not arrive in time.'
      : status === 431
        ? 'The request headers are too large.'
        : `The request could not be read: ${error.code ?? 'malformed'}.`;
  const body = JSON.stringify({ code: 'validation_failed', message, details: {} });
  socket.end(
    `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { logger } = options;
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const openStreams: OpenStreams = new Set();
  let port = options.port;
  const policy: AccessPolicy = {
    token: options.token,
    hosts: () => [`127.0.0.1:${port}`, `localhost:${port}`],
  };
  const app = createApp({
    api: options.api,
    policy,
    staticRoot: options.staticRoot,
    logger,
    body: { maxBytes: limits.maxBodyBytes, idleMs: limits.bodyIdleMs },
    openStreams,
    ...(options.mcp ? { mcp: options.mcp } : {}),
  });
  const listener = getRequestListener(app.fetch, {
    // What Hono never sees: a request the adapter cannot turn into a Request (a bad Host, say).
    errorHandler: (error) =>
      errorResponse(
        AppError.isInstance(error) ? error : new HttpRefusal(400, `The request could not be read: ${String(error)}`),
        logger,
      ),
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    listener(req, res).catch((error: unknown) => {
      logger.error('HTTP response failed', { error: String(error) });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end();
    });
  }

  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        connectionsCheckingInterval: limits.checkIntervalMs,
      },
      handle,
    );
    server.on('clientError', answerClientError);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError(
              'conflict',
              `Port ${options.port} on 127.0.0.1 is already in use. Choose another with --port or RIDGELINE_PORT.`,
            )
          : error,
      );
    });
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const baseUrl = `http://127.0.0.1:${port}`;
      logger.info('HTTP API listening', { baseUrl });
      resolve({
        server,
        port,
        baseUrl,
        loginUrl: `${baseUrl}/?token=${options.token}`,
        close: () =>
          new Promise((done) => {
            for (const end of openStreams) end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
