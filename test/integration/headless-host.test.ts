import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_ENTRY, startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a real child process, spoken to over real HTTP on loopback.
let host: HeadlessHost;
beforeAll(async () => {
  host = await startHeadlessHost({ dataDir: makeTempDir() });
});
afterAll(async () => host?.stop());

function api(name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request, for headers fetch will not let a test set (Host). */
function raw(
  path: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; body: string }> {
  const url = new URL(host.baseUrl);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('headless host over HTTP', () => {
  it('keeps its token in a 0600 file of the data directory and prints the same one', () => {
    const file = join(host.dataDir, 'api-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(host.token);
    expect(host.output()).toContain(`Data:  ${host.dataDir}`);
  });

  it('refuses API calls without the token or with a wrong one, with the error object', async () => {
    const none = await fetch(`${host.baseUrl}/api/tasks.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('Authorization: Bearer'),
      details: {},
    });
    const wrong = await api('tasks.list', {}, { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${host.baseUrl}/api/events`)).status).toBe(401);
  });

  it('refuses requests from another origin and for another host name', async () => {
    const cross = await api('tasks.list', {}, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { message: string }).message).toContain('origin http://evil.example');
    const rebinding = await raw('/api/tasks.list', {
      Host: 'attacker.example:80',
      Authorization: `Bearer ${host.token}`,
      'Content-Type': 'application/json',
    });
    expect(rebinding.status).toBe(403);
    expect((await api('tasks.list', {}, { Origin: host.baseUrl })).status).toBe(200);
  });

  it('maps calls to POST /api/<name>: output as JSON, errors as 4xx with code, message and details', async () => {
    const created = await api('tasks.create', { title: 'Morning briefing' });
    expect(created.status).toBe(200);
    const task = await created.json();
    expect(task).toMatchObject({ title: 'Morning briefing', status: 'pending' });

    const invalid = await api('tasks.create', { title: 'x'.repeat(201) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      code: 'validation_failed',
      message: 'Invalid input for tasks.create: title: must be at most 200 characters',
      details: { call: 'tasks.create', issues: [{ path: 'title', message: 'must be at most 200 characters' }] },
    });
    expect((await api('tasks.get', { id: 'missing' })).status).toBe(404);
    expect((await api('tasks.nope', {})).status).toBe(404);
    const badJson = await api('tasks.list', '{not json');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { message: string }).message).toContain('Request body is not valid JSON');
    expect((await api('tasks.list', {}, { 'Content-Type': 'text/plain' })).status).toBe(400);
    expect(
      (await fetch(`${host.baseUrl}/api/tasks.list`, { headers: { Authorization: `Bearer ${host.token}` } })).status,
    ).toBe(405);
  });

  it('trades the printed link for an HttpOnly session cookie that the board then uses', async () => {
    const login = await fetch(host.loginUrl, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await fetch(`${host.baseUrl}/api/tasks.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie.split(';')[0]! },
      body: '{}',
    });
    expect(withCookie.status).toBe(200);
    expect((await fetch(`${host.baseUrl}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('serves the board with a strict Content-Security-Policy and no referrer, and nothing outside it', async () => {
    const page = await fetch(`${host.baseUrl}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    // The page's own meta policy applies too, so it must allow the same style attributes.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("script-src 'self';");
    expect(meta.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
    const header = page.headers.get('content-security-policy') ?? '';
    expect(header).toContain("script-src 'self';");
    expect(header.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const url = new URL(host.baseUrl);
    const traversal = await raw('/..%2f..%2f..%2fetc%2fpasswd', { Host: url.host }, 'GET');
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain('root:');
  });

  it('streams push events as server-sent events', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${host.baseUrl}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let text = '';
    await reader.read();
    const created = (await (await api('tasks.create', { title: 'Pushed' })).json()) as { id: string };
    while (!text.includes('event: task:created')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const data = /event: task:created\ndata: (.*)\n/.exec(text)![1]!;
    expect(JSON.parse(data)).toMatchObject({ task: { id: created.id, title: 'Pushed' } });
  });
});

describe('one runtime per data directory', () => {
  it('refuses a second host on the same directory, naming the holder; a killed holder does not block the next start', async () => {
    const dataDir = makeTempDir();
    const first = await startHeadlessHost({ dataDir });
    await fetch(`${first.baseUrl}/api/tasks.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ title: 'Survives kill -9' }),
    });
    const second = spawnSync(process.execPath, [HEADLESS_ENTRY, '--data-dir', dataDir, '--port', '0'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`is in use by another Ridgeline (headless host, process ${first.pid}`);

    await first.kill();
    const third = await startHeadlessHost({ dataDir });
    const list = await fetch(`${third.baseUrl}/api/tasks.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${third.token}` },
      body: '{}',
    });
    expect(((await list.json()) as { items: { title: string }[] }).items.map((t) => t.title)).toEqual([
      'Survives kill -9',
    ]);
    expect(third.token).toBe(first.token);
    await third.stop();
  });
});
