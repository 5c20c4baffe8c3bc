// Starts the headless host's HTTP server on 127.0.0.1: the Hono app of app.ts on Node's http
// server, with time limits on headers and bodies and a last guard so no request can stop the process.
import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { API_PREFIX } from '../core/api/transport';
import { AppError } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import type { McpHttpHandler } from '../mcp-server/http';
import { createApp, errorResponse } from './app';
import type { AccessPolicy } from './auth';
import type { OpenStreams } from './events';
import { HttpRefusal } from './request-body';
import { listen, type HttpLimits, type Listener } from './listener';

export { DEFAULT_HTTP_LIMITS, type HttpLimits } from './listener';

export interface HttpHostOptions {
  api: RuntimeApi;
  token: string;
  port: number;
  staticRoot: string;
  logger: Logger;
  limits?: Partial<HttpLimits>;
  /** MCP over Streamable HTTP at /mcp. */
  mcp?: McpHttpHandler;
  /** The socket the host already listens on (its port and limits are then that socket's). */
  listener?: Listener;
}

export interface HttpHost {
  server: Server;
  port: number;
  baseUrl: string;
  loginUrl: string;
  close(): Promise<void>;
}

/**
 * The first request a host answers loads and compiles what every request goes through: the Fetch
 * API's Request and streams behind the adapter, the router's matcher, the body reader. That took
 * 25 to 35 ms, where the next requests took 2 to 3. The host asks itself one read-only call as
 * soon as it serves, so the first client (a board opening, `ridgeline status`) does not pay it.
 */
function warmUp(baseUrl: string, token: string, logger: Logger): void {
  const body = '{}';
  const req = request(
    new URL(`${API_PREFIX}scheduler.status`, baseUrl),
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    },
    (res) => res.resume(),
  );
  req.on('error', (error) => logger.debug('The HTTP warm-up request failed', { error: String(error) }));
  req.end(body);
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { logger } = options;
  const listener =
    options.listener ?? (await listen({ port: options.port, ...(options.limits ? { limits: options.limits } : {}) }));
  const { limits, port, baseUrl } = listener;
  const openStreams: OpenStreams = new Set();
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
  const requestListener = getRequestListener(app.fetch, {
    // What Hono never sees: a request the adapter cannot turn into a Request (a bad Host, say).
    errorHandler: (error) =>
      errorResponse(
        AppError.isInstance(error) ? error : new HttpRefusal(400, `The request could not be read: ${String(error)}`),
        logger,
      ),
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    requestListener(req, res).catch((error: unknown) => {
      logger.error('HTTP response failed', { error: String(error) });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end();
    });
  }

  listener.serve(handle);
  logger.info('HTTP API listening', { baseUrl });
  warmUp(baseUrl, options.token, logger);
  return {
    server: listener.server,
    port,
    baseUrl,
    loginUrl: `${baseUrl}/?token=${options.token}`,
    close: async () => {
      for (const end of openStreams) end();
      await listener.close();
    },
  };
}
