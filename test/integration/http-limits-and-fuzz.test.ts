import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import { startHttpHost, type HttpHost } from '../../src-main/server/http';
import { openRaw, rawRequest, sendRaw, type RawResponse } from '../helpers/raw-http';
import { startedTestRuntime, type TestRuntime } from '../helpers/test-runtime';
import { makeTempDir } from '../helpers/temp-dir';

// The HTTP server on a real runtime (real SQLite file) on loopback, in this process so its time
// limits can be short; everything reaches it over raw sockets.
const TOKEN = 'a'.repeat(43);
let rt: TestRuntime;
let http: HttpHost;
let hostHeader: string;
const logLines: string[] = [];

beforeAll(async () => {
  rt = await startedTestRuntime();
  const staticRoot = makeTempDir();
  writeFileSync(join(staticRoot, 'index.html'), '<div id="root"></div>');
  http = await startHttpHost({
    api: rt.runtime.api,
    token: TOKEN,
    port: 0,
    staticRoot,
    logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor: new Redactor(), now: () => 0 }),
    limits: { headersTimeoutMs: 400, requestTimeoutMs: 1_200, bodyIdleMs: 400, checkIntervalMs: 50 },
  });
  hostHeader = `127.0.0.1:${http.port}`;
});
afterAll(async () => {
  await http?.close();
  await rt?.runtime.stop();
});

async function expectStillServing(): Promise<void> {
  const info = await sendRaw(
    http.port,
    rawRequest({
      method: 'POST',
      path: '/api/app.info',
      host: hostHeader,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{}',
    }),
  );
  expect(info.status).toBe(200);
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('time limits on slow requests', () => {
  it('answers headers that never finish with a 408 and closes the connection', async () => {
    const started = Date.now();
    const response = await sendRaw(http.port, `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nX-Slow: 1\r\n`, 5_000);
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expectStillServing();
  });

  it('answers a body that stalls with a JSON 408', async () => {
    const head =
      `POST /api/tasks.list HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":';
    const response = await sendRaw(http.port, head, 5_000);
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('stalled'),
    });
    await expectStillServing();
  });

  it('answers a body that trickles in past the request time limit with a 408', async () => {
    const { socket, response } = openRaw(
      http.port,
      `POST /api/tasks.list HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      5_000,
    );
    const started = Date.now();
    const drip = setInterval(() => socket.writable && socket.write(' '), 100);
    const answer = await response;
    clearInterval(drip);
    expect(answer.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expectStillServing();
  });

  it('does not cut an event stream that stays open past the time limits', async () => {
    const { socket, response } = openRaw(
      http.port,
      `GET /api/events HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
      2_000,
    );
    await sleep(1_500);
    await rt.runtime.api.call('tasks.create', { title: 'Late push' });
    const events = await response;
    socket.destroy();
    expect(events.status).toBe(200);
    expect(events.body).toContain('"title":"Late push"');
  });
});

/** mulberry32: a small seeded generator, so a failing fuzz case can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzCase(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const bytes = (n: number): string =>
    Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
  const pieces = [
    '%',
    '%Z',
    '%ZZ',
    '%E0%A4%A',
    '%c0%ae',
    '%2e%2e%2f',
    '..',
    '/',
    '%00',
    '?',
    '#',
    'é',
    '%ff',
    'a',
    '.',
  ];
  const noise = (n: number): string => Array.from({ length: n }, () => pick(pieces)).join('');
  const calls = [
    'tasks.list',
    'tasks.get',
    'tasks.create',
    'pipelines.validate',
    'schedules.preview',
    'app.info',
    'nope',
  ];
  const path = pick([
    () => `/${noise(1 + Math.floor(random() * 6))}`,
    () => `/api/${pick(calls)}${random() < 0.5 ? noise(2) : ''}`,
    () => `/assets/${noise(3)}`,
    () => `/${bytes(4).replace(/[\s]/g, '')}`,
  ])();
  const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'GE T', 'POST']);
  const headers: string[] = [`Host: ${random() < 0.9 ? hostHeader : pick(['', 'evil', `${hostHeader}x`, bytes(3)])}`];
  if (random() < 0.6) headers.push(`Authorization: Bearer ${random() < 0.7 ? TOKEN : noise(3)}`);
  if (random() < 0.3) headers.push(`Cookie: ridgeline_session=${random() < 0.5 ? TOKEN : noise(4)}; x=${noise(2)}`);
  if (random() < 0.7) headers.push(`Content-Type: ${pick(['application/json', 'text/plain', noise(2)])}`);
  if (random() < 0.1) headers.push(`${noise(2)}: ${bytes(5)}`);
  if (random() < 0.2) headers.push(`Origin: ${pick([`http://${hostHeader}`, 'http://evil.example', 'null'])}`);
  const body = pick([
    () => '',
    () => '{}',
    () => '{"id":"x"}',
    () => `{"pipeline":{"steps":[{"id":"a","uses":"wait","with":{"ms":1},"if":"${'('.repeat(300)}"}]}}`,
    () => `{"title":"${noise(5).replace(/["\\]/g, '')}"}`,
    () => bytes(Math.floor(random() * 200)),
    () => `${'['.repeat(500)}${']'.repeat(500)}`,
  ])();
  const framing =
    random() < 0.9 ? `Content-Length: ${Buffer.byteLength(body, 'latin1')}` : `Content-Length: ${noise(1)}`;
  return `${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n${framing}\r\nConnection: close\r\n\r\n${body}`;
}

describe('fuzzed requests', () => {
  it('answers 3,000 random malformed requests without a 5xx, a crash or a stall', async () => {
    const random = seeded(20261104);
    const cases = Array.from({ length: 3_000 }, () => fuzzCase(random));
    const failures: { request: string; response: RawResponse }[] = [];
    for (let i = 0; i < cases.length; i += 16) {
      const batch = cases.slice(i, i + 16);
      const answers = await Promise.all(batch.map((c) => sendRaw(http.port, Buffer.from(c, 'latin1'), 3_000)));
      answers.forEach((response, j) => {
        if (response.status === 0 || response.status >= 500) failures.push({ request: batch[j]!, response });
      });
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(logLines.filter((l) => l.includes('HTTP request failed'))).toEqual([]);
    await expectStillServing();
  }, 120_000);
});

describe('clients that leave', () => {
  it('treats a client that closes mid-body as its own failure, not a server error', async () => {
    const { socket, response } = openRaw(
      http.port,
      `POST /api/tasks.list HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
      2_000,
    );
    await sleep(100);
    socket.destroy();
    await response;
    await sleep(100);
    expect(logLines.filter((l) => l.includes('HTTP request failed'))).toEqual([]);
    await expectStillServing();
  });
});
