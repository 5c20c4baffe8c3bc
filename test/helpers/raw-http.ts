// HTTP spoken over a raw TCP socket, so a test can send exactly the bytes it means (malformed
// paths, broken headers, stalled bodies) that fetch and node:http would refuse or fix up.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  /** 0 when the server closed the connection without an HTTP answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
  text: string;
}

export function parseRawResponse(text: string): RawResponse {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text);
  if (!match) return { status: 0, headers: {}, body: '', text };
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(match[0].length, split < 0 ? undefined : split);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = split < 0 ? '' : text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(match[1]), headers, body, text };
}

function unchunk(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = eol < 0 ? 0 : parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 4 + size);
  }
}

export interface RawExchange {
  socket: Socket;
  /** Resolves with what the server sent once it closes the connection (or after `timeoutMs`). */
  response: Promise<RawResponse>;
}

/** Opens a connection and writes `bytes`; more can be written to `socket` before the answer. */
export function openRaw(port: number, bytes: string | Buffer, timeoutMs = 10_000): RawExchange {
  const socket = connect(port, '127.0.0.1');
  const response = new Promise<RawResponse>((done) => {
    const chunks: Buffer[] = [];
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      done(parseRawResponse(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', finish);
    // A reset after the answer arrived still leaves the answer to read.
    socket.on('error', () => undefined);
  });
  socket.write(bytes);
  return { socket, response };
}

export function sendRaw(port: number, bytes: string | Buffer, timeoutMs?: number): Promise<RawResponse> {
  return openRaw(port, bytes, timeoutMs).response;
}

/** A well-formed request with Connection: close, as bytes. */
export function rawRequest(options: {
  method: string;
  path: string;
  host: string;
  headers?: Record<string, string>;
  body?: string;
}): string {
  const headers: Record<string, string> = { Host: options.host, Connection: 'close', ...options.headers };
  if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `${options.method} ${options.path} HTTP/1.1\r\n${lines.join('')}\r\n${options.body ?? ''}`;
}
