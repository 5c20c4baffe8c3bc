import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { openRaw, rawRequest, sendRaw, type RawResponse } from '../helpers/raw-http';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a real child process; every hostile request goes over a raw socket,
// byte for byte, and after each one the same process must still answer. Before the host ran
// inside an error boundary, the first request below (GET /%ZZ) ended the process.
let host: HeadlessHost;
let port: number;
let hostHeader: string;
beforeAll(async () => {
  host = await startHeadlessHost({ dataDir: makeTempDir() });
  port = Number(new URL(host.baseUrl).port);
  hostHeader = new URL(host.baseUrl).host;
});
afterAll(async () => host?.stop());

function request(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}) {
  return sendRaw(port, rawRequest({ method, path, host: hostHeader, ...options }));
}

function call(name: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request('POST', `/api/${name}`, {
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

function errorOf(response: RawResponse): { code: string; message: string; details: Record<string, unknown> } {
  expect(response.headers['content-type']).toContain('application/json');
  return JSON.parse(response.body) as { code: string; message: string; details: Record<string, unknown> };
}

async function expectStillServing(): Promise<void> {
  expect(host.child.exitCode).toBeNull();
  const info = await call('app.info', '{}');
  expect(info.status).toBe(200);
}

describe('hostile requests to the headless host', () => {
  it.each(['/%ZZ', '/%E0%A4%A', '/assets/%c0%ae', '/api/%ZZ'])(
    'answers GET %s with a JSON 400 and keeps serving',
    async (path) => {
      const response = await request('GET', path);
      expect(response.status).toBe(400);
      expect(errorOf(response).message).toContain('malformed percent-encoding');
      await expectStillServing();
    },
  );

  it('answers a call name with a malformed percent-encoding with a 400, and an unknown call with a 404', async () => {
    const malformed = await call('tasks.%E0%A4%A', '{}');
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed).code).toBe('validation_failed');
    const unknown = await call('tasks.nope', '{}');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toMatchObject({
      code: 'unknown_call',
      message: 'There is no API call named "tasks.nope".',
    });
    await expectStillServing();
  });

  it('answers a session cookie with a malformed percent-encoding with a 400 naming the cookie', async () => {
    const response = await request('POST', '/api/tasks.list', {
      headers: { Cookie: 'ridgeline_session=%ZZ%E0', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toBe('The ridgeline_session cookie has a malformed percent-encoding.');
    await expectStillServing();
  });

  it('answers a body over the limit with a JSON 413, declared or streamed in chunks', async () => {
    const declared = await call('tasks.list', 'x'.repeat(2 * 1024 * 1024));
    expect(declared.status).toBe(413);
    expect(errorOf(declared).message).toBe('Request body is larger than 1048576 bytes.');
    const chunk = 'y'.repeat(64 * 1024);
    const chunked =
      `POST /api/tasks.list HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${host.token}\r\n` +
      `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
      `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(20) +
      '0\r\n\r\n';
    const streamed = await sendRaw(port, chunked);
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed).details).toEqual({ limitBytes: 1048576 });
    await expectStillServing();
  });

  it('answers wrong methods with a 405 and the methods allowed', async () => {
    const get = await request('GET', '/api/tasks.list', { headers: { Authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const postEvents = await call('events', '{}');
    expect(postEvents.status).toBe(405);
    expect(postEvents.headers.allow).toBe('GET');
    const deleteBoard = await request('DELETE', '/');
    expect(deleteBoard.status).toBe(405);
    expect(errorOf(deleteBoard).message).toBe('Use GET or HEAD for the board.');
    await expectStillServing();
  });

  it('answers bodies that are not JSON with a 400 naming the problem', async () => {
    const broken = await call('tasks.list', '{"a":');
    expect(broken.status).toBe(400);
    expect(errorOf(broken).message).toContain('Request body is not valid JSON');
    const plain = await call('tasks.list', 'hello', { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(errorOf(plain).message).toBe('API requests must have Content-Type: application/json.');
    const binary = await call('tasks.list', '\u0000\u00ff\u0001');
    expect(binary.status).toBe(400);
    await expectStillServing();
  });

  it('answers an `if` nested 20,000 deep with a 400 naming the field', async () => {
    const deep = `${'('.repeat(20_000)}params${')'.repeat(20_000)}`;
    const pipeline = { steps: [{ id: 'a', uses: 'wait', with: { ms: 1 }, if: deep }] };
    const created = await call('tasks.create', JSON.stringify({ title: 'Deep', pipeline }));
    expect(created.status).toBe(400);
    expect(errorOf(created).details.issues).toEqual([
      { path: 'pipeline.steps[0].if', message: 'is nested more than 100 levels deep' },
    ]);
    const validated = await call('pipelines.validate', JSON.stringify({ pipeline }));
    expect(validated.status).toBe(200);
    expect(JSON.parse(validated.body)).toMatchObject({
      ok: false,
      issues: [{ path: 'steps[0].if', message: 'is nested more than 100 levels deep' }],
    });
    const nested = await call(
      'pipelines.validate',
      `{"pipeline":{"steps":[{"id":"a","uses":"wait","with":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}]}}`,
    );
    expect(nested.status).toBe(400);
    expect(errorOf(nested).message).toContain('pipeline.steps[0].with.x[0]');
    await expectStillServing();
  });

  it('answers requests the HTTP parser refuses with a JSON 400 (or 431 for oversized headers)', async () => {
    for (const bytes of [
      '\u0000\u0001 nonsense\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n',
      'GET /\r\n\r\n',
    ]) {
      const response = await sendRaw(port, bytes);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
    }
    const huge = await sendRaw(
      port,
      `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(huge.status).toBe(431);
    await expectStillServing();
  });

  it('refuses requests with no Host (400), or for another host (403), before reading them', async () => {
    expect((await sendRaw(port, 'GET / HTTP/1.0\r\n\r\n')).status).toBe(400);
    expect((await sendRaw(port, 'GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n')).status).toBe(403);
    await expectStillServing();
  });

  it('keeps serving the board and the event stream after all of the above', async () => {
    const page = await request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const stream = openRaw(
      port,
      `GET /api/events HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${host.token}\r\n\r\n`,
      1_500,
    );
    await call('tasks.create', JSON.stringify({ title: 'Still pushed' }));
    const events = await stream.response;
    expect(events.status).toBe(200);
    expect(events.body).toContain('event: task:created');
    await expectStillServing();
  });
});
