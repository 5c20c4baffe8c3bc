import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../../src-main/core/lib/redact';
import { createLogger } from '../../../src-main/core/lib/logger';
import { hostFilePath, readHostFile } from '../../../src-main/os/host-file';
import { resolvePort, startHostServer, type HostServer } from '../../../src-main/server/host-server';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

// The function both hosts use to answer on loopback, on a real runtime and a real HTTP server;
// only Electron, which cannot run here, is left out (the desktop host calls this same function).
const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function start(
  t: TestRuntime,
  port = 0,
  anyPortWhenTaken = false,
  api: TestRuntime['runtime']['api'] = t.runtime.api,
): Promise<HostServer> {
  const redactor = new Redactor();
  const server = await startHostServer({
    api,
    dataDir: t.dataDir,
    port,
    staticRoot: join(t.dataDir, 'no-board'),
    logger: createLogger({ sinks: [], redactor, now: () => t.clock.now() }),
    redactor,
    version: '0.0.0-test',
    now: () => t.clock.now(),
    anyPortWhenTaken,
  });
  open.push(server);
  return server;
}

async function runtime(): Promise<TestRuntime> {
  const t = await startedTestRuntime();
  open.push({ close: () => t.runtime.stop() });
  return t;
}

function token(t: TestRuntime): string {
  return readFileSync(join(t.dataDir, 'api-token'), 'utf8').trim();
}

describe('startHostServer', () => {
  it('writes host.json (0600) once listening, answers the API with the token, and removes it on close', async () => {
    const t = await runtime();
    const server = await start(t);
    const info = readHostFile(t.dataDir)!;
    expect(info).toEqual({
      pid: process.pid,
      port: server.http.port,
      url: server.http.baseUrl,
      startedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(statSync(hostFilePath(t.dataDir)).mode & 0o777).toBe(0o600);
    const answer = await fetch(`${info.url}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(t)}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { dataDir: string }).dataDir).toBe(t.dataDir);

    await server.close();
    expect(readHostFile(t.dataDir)).toBeUndefined();
  });

  it('serves MCP at /mcp in process, behind the same token', async () => {
    const t = await runtime();
    const server = await start(t);
    const client = new Client({ name: 'host-server-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.http.baseUrl}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token(t)}` } },
      }),
    );
    open.push(client);
    const created = await client.callTool({
      name: 'create_task',
      arguments: { title: 'Pace', pipeline: { steps: [{ id: 'w', uses: 'wait', with: { ms: 1 } }] } },
    });
    expect(created.isError).toBeFalsy();
    const listed = await t.runtime.api.call('tasks.list', {});
    expect(listed.items.map((task) => task.title)).toEqual(['Pace']);

    const refused = await fetch(`${server.http.baseUrl}/mcp`, {
      method: 'POST',
      headers: { Authorization: 'Bearer wrong', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
  });

  it('asks itself one read-only call as soon as it serves, through the token, so its first client finds the request path loaded', async () => {
    const t = await runtime();
    const invoked: string[] = [];
    const api = {
      ...t.runtime.api,
      invoke: (name: string, input: unknown) => {
        invoked.push(name);
        return t.runtime.api.invoke(name, input);
      },
    };
    await start(t, 0, false, api);
    await expect.poll(() => invoked, { timeout: 5000 }).toEqual(['scheduler.status']);
    await new Promise((done) => setTimeout(done, 200));
    expect(invoked).toEqual(['scheduler.status']);
  });

  it('takes a free port when its own is taken, if asked to; otherwise refuses naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    open.push({ close: () => new Promise<void>((done) => blocker.close(() => done())) });
    const taken = (blocker.address() as { port: number }).port;

    const t = await runtime();
    await expect(start(t, taken)).rejects.toThrow(`Port ${taken} on 127.0.0.1 is already in use`);
    expect(readHostFile(t.dataDir)).toBeUndefined();
    const server = await start(t, taken, true);
    expect(server.http.port).not.toBe(taken);
    expect(readHostFile(t.dataDir)?.port).toBe(server.http.port);
  });
});

describe('resolvePort', () => {
  it('reads --port, then RIDGELINE_PORT, then 7788, and names a bad value', () => {
    expect(resolvePort(['--port', '0'], { RIDGELINE_PORT: '9000' })).toBe(0);
    expect(resolvePort([], { RIDGELINE_PORT: '9000' })).toBe(9000);
    expect(resolvePort([], {})).toBe(7788);
    expect(() => resolvePort(['--port=70000'], {})).toThrow('--port: "70000" is not a port number');
  });
});
