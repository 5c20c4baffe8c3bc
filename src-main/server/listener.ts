// The host's loopback socket, which listens before the app behind it is ready: a host answers on
// its port moments after it starts, and requests that arrive while the runtime is still starting
// wait for it instead of being refused. Only node:http here, so listening costs no module loading.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppError } from '../core/lib/errors';

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

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Listener {
  server: Server;
  port: number;
  baseUrl: string;
  limits: HttpLimits;
  /** Hands every request to `handle` from now on, the ones that waited for it first. */
  serve(handle: RequestHandler): void;
  /** Stops listening and ends every open connection. */
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

/** Listens on 127.0.0.1:`port` (0 picks a free port); a port in use is a `conflict`. */
export function listen(options: { port: number; limits?: Partial<HttpLimits> }): Promise<Listener> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  let handler: RequestHandler | undefined;
  const waiting: Array<[IncomingMessage, ServerResponse]> = [];
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      if (handler) handler(req, res);
      else waiting.push([req, res]);
    },
  );
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
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
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        limits,
        serve(handle) {
          handler = handle;
          for (const [req, res] of waiting.splice(0)) handle(req, res);
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
