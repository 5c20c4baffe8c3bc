// http.request against a real HTTP server on 127.0.0.1: what goes over the wire (query, JSON body,
// secret headers), status handling, timeouts, cancellation, size caps and unreachable hosts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, httpRequestInput } from '../../../../src-main/core/tools/http';
import { runTool } from '../../../../src-main/core/tools/registry';
import { testContext, failureOf } from './tool-context';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const received: Received[] = [];
let server: Server;
let base: string;

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  switch (path) {
    case '/echo':
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-served-by', 'loopback');
      res.end(JSON.stringify({ method: req.method, url: req.url, body: body ? (JSON.parse(body) as unknown) : null }));
      return;
    case '/text':
      res.setHeader('content-type', 'text/plain');
      res.end('plain words');
      return;
    case '/not-json':
      res.end('<html>oops</html>');
      return;
    case '/empty':
      res.statusCode = 204;
      res.end();
      return;
    case '/missing':
      res.statusCode = 404;
      res.end('no such thing');
      return;
    case '/broken':
      res.statusCode = 503;
      res.end('down for maintenance');
      return;
    case '/limited':
      res.statusCode = 429;
      res.setHeader('retry-after', '7');
      res.end('slow down');
      return;
    case '/hop':
      res.statusCode = 302;
      res.setHeader('location', '/echo?hopped=1');
      res.end();
      return;
    case '/away':
      res.statusCode = 307;
      res.setHeader('location', `http://localhost:${(server.address() as AddressInfo).port}/echo`);
      res.end();
      return;
    case '/big':
      res.end('x'.repeat(200_000));
      return;
    case '/slow':
      // Answers only after the client has given up; the test ends long before.
      setTimeout(() => res.end('late'), 5_000).unref();
      return;
    default:
      res.statusCode = 500;
      res.end(`unknown path ${path}`);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (input: Record<string, unknown>, context = testContext().context) =>
  httpRequest.execute(httpRequestInput.parse(input), context);

describe('http.request', () => {
  it('sends the query and a JSON body and parses a JSON response', async () => {
    const result = await request({
      method: 'POST',
      url: `${base}/echo?fixed=1`,
      query: { q: 'a b&c', n: 3, flag: true },
      json: { hello: 'world', list: [1, 2] },
      response: 'json',
    });
    expect(result.status).toBe(200);
    expect(result.truncated).toBe(false);
    expect(result.headers['x-served-by']).toBe('loopback');
    expect(result.body).toEqual({
      method: 'POST',
      url: '/echo?fixed=1&q=a+b%26c&n=3&flag=true',
      body: { hello: 'world', list: [1, 2] },
    });
    expect(received.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('returns text bodies as text, and an empty JSON response as null', async () => {
    expect((await request({ url: `${base}/text` })).body).toBe('plain words');
    const empty = await request({ url: `${base}/empty`, response: 'json' });
    expect(empty).toMatchObject({ status: 204, body: null });
  });

  it('puts a secret header on the wire but never into the log', async () => {
    const token = 'ghp_planted_secret_value_123';
    const { context, lines } = testContext({ secrets: { github_token: token } });
    await request(
      {
        url: `${base}/echo`,
        headers: { Accept: 'application/json' },
        secret_headers: { Authorization: 'Bearer {secret:github_token}' },
      },
      context,
    );
    const sent = received.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${token}`);
    expect(sent?.headers.accept).toBe('application/json');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(lines[0]?.message).toContain('1 header from secrets');
  });

  it('follows a redirect with secret headers only within the same origin', async () => {
    const { context } = testContext({ secrets: { api_key: 'planted-api-key-42' } });
    const secret_headers = { 'X-Api-Key': '{secret:api_key}' };
    const hopped = await request({ url: `${base}/hop`, secret_headers, response: 'json' }, context);
    expect(hopped.body).toMatchObject({ url: '/echo?hopped=1' });
    expect(received.at(-1)?.headers['x-api-key']).toBe('planted-api-key-42');

    const before = received.length;
    const error = await failureOf(request({ url: `${base}/away`, secret_headers }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/redirected to http:\/\/localhost:\d+; secret headers are only sent to the origin/);
    expect(received.slice(before).map((r) => r.url)).toEqual(['/away']);
  });

  it('fails permanently, naming the header and the secret, when a secret is not set', async () => {
    const error = await failureOf(
      request({ url: `${base}/echo`, secret_headers: { Authorization: 'Bearer {secret:nope}' } }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('secret_headers.Authorization: secret "nope" is not set');
  });

  it('treats 4xx as permanent and 5xx as retryable, quoting the body', async () => {
    const missing = await failureOf(request({ url: `${base}/missing` }));
    expect(missing.kind).toBe('permanent');
    expect(missing.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/missing returned 404 Not Found: no such thing/);
    expect(missing.details.status).toBe(404);
    const broken = await failureOf(request({ url: `${base}/broken` }));
    expect(broken.kind).toBe('retryable');
    expect(broken.message).toContain('503');
  });

  it('treats 429 as retryable and passes on the Retry-After delay', async () => {
    const error = await failureOf(request({ url: `${base}/limited` }));
    expect(error.kind).toBe('retryable');
    expect(error.details).toMatchObject({ status: 429, retry_after_ms: 7_000 });
  });

  it('accepts the statuses listed in expect_status and refuses a 2xx not listed', async () => {
    const result = await request({ url: `${base}/missing`, expect_status: [404] });
    expect(result).toMatchObject({ status: 404, body: 'no such thing' });
    const error = await failureOf(request({ url: `${base}/text`, expect_status: [201] }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('returned 200 OK (expected 201)');
  });

  it('times out a slow response with a timeout failure', async () => {
    const started = Date.now();
    const error = await failureOf(request({ url: `${base}/slow`, timeout_ms: 150 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('timed out after 150 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops a request in flight when the step is cancelled', async () => {
    const controller = new AbortController();
    const { context } = testContext({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(request({ url: `${base}/slow` }, context));
    expect(error.kind).toBe('cancelled');
  });

  it('cuts a body off at max_response_bytes and says so', async () => {
    const { context, lines } = testContext();
    const result = await request({ url: `${base}/big`, max_response_bytes: 1_000 }, context);
    expect(result.truncated).toBe(true);
    expect(result.body).toBe('x'.repeat(1_000));
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('1000 bytes'))).toBe(true);
    const error = await failureOf(request({ url: `${base}/big`, max_response_bytes: 1_000, response: 'json' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('passed max_response_bytes (1000)');
  });

  it('fails permanently on a body that is not JSON when JSON was asked for', async () => {
    const error = await failureOf(request({ url: `${base}/not-json`, response: 'json' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('response is not JSON');
    expect(error.message).toContain('<html>oops</html>');
  });

  it('treats a refused connection as retryable and names the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(request({ url: `http://127.0.0.1:${port}/` }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('refuses URLs that are not http or https, and a body on a GET, naming the field', async () => {
    const { context } = testContext();
    await expect(runTool(httpRequest, { url: 'file:///etc/passwd' }, context)).rejects.toThrow(
      'steps.build.with: url: must be an http:// or https:// URL',
    );
    await expect(runTool(httpRequest, { url: `${base}/echo`, body: 'x' }, context)).rejects.toThrow(
      'method: GET requests cannot have a body',
    );
  });
});
