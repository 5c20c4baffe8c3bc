// The API contract over HTTP: POST /api/<call name> with a JSON body, GET /api/events as
// server-sent events, and the built board on every other path. Loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, toErrorPayload } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import { API_PREFIX, EVENTS_PATH, httpStatusFor } from '../core/api/transport';
import { checkOrigin, checkToken, sessionCookie, tokenMatches, type AccessPolicy } from './auth';
import { securityHeaders, serveStatic } from './static-files';

const MAX_BODY_BYTES = 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

export interface HttpHostOptions {
  api: RuntimeApi;
  token: string;
  port: number;
  staticRoot: string;
  logger: Logger;
}

export interface HttpHost {
  server: Server;
  port: number;
  baseUrl: string;
  loginUrl: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: unknown): void {
  const payload = toErrorPayload(error);
  sendJson(res, httpStatusFor(payload.code), payload);
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AppError('validation_failed', `Request body is larger than ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new AppError('validation_failed', `Request body is not valid JSON: ${(error as Error).message}`));
      }
    });
    req.on('error', reject);
  });
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { api, logger } = options;
  const openStreams = new Set<ServerResponse>();
  let port = options.port;
  const policy: AccessPolicy = {
    token: options.token,
    hosts: () => [`127.0.0.1:${port}`, `localhost:${port}`],
  };

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    openStreams.add(res);
    const unsubscribe = api.subscribe((message) => {
      res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      openStreams.delete(res);
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const denied = checkToken(req, policy);
    if (denied) return sendError(res, denied);
    if (pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return sendError(res, new AppError('validation_failed', 'Use GET for /api/events.'));
      return streamEvents(req, res);
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, toErrorPayload(new AppError('validation_failed', `Use POST for ${pathname}.`)));
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      return sendError(
        res,
        new AppError('validation_failed', 'API requests must have Content-Type: application/json.'),
      );
    }
    const name = decodeURIComponent(pathname.slice(API_PREFIX.length));
    try {
      const input = await readBody(req);
      sendJson(res, 200, await api.invoke(name, input));
    } catch (error) {
      sendError(res, error);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    securityHeaders(res);
    const refused = checkOrigin(req, policy);
    if (refused) return sendError(res, refused);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === EVENTS_PATH || url.pathname.startsWith(API_PREFIX)) {
      handleApi(req, res, url.pathname).catch((error: unknown) => sendError(res, error));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, toErrorPayload(new AppError('validation_failed', 'Only GET serves the board.')));
    const given = url.searchParams.get('token');
    if (given !== null) {
      // The printed link: trade the token for a cookie, then drop it from the address bar.
      if (!tokenMatches(given, options.token))
        return sendError(res, new AppError('unauthorized', 'The token in this link is wrong.'));
      res.writeHead(303, { 'Set-Cookie': sessionCookie(options.token), Location: '/' }).end();
      return;
    }
    serveStatic(options.staticRoot, url.pathname, res);
  }

  return new Promise((resolve, reject) => {
    const server = createServer(handle);
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
            for (const res of openStreams) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
