// The built headless host as a real child process. SIGTERM ends it within 10 s while a long shell
// step runs (one that ignores SIGTERM) and an SSE client is connected, and the step's process is
// gone with it. After a restart, a secret that is only in the host's environment and that nothing
// has read yet is masked in what the very first step prints: run log, runs.get, database and WAL.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';
import { processIsGone } from '../unit/core/tools/tool-context';

const SECRET = 'rl-env-only-5Mv8Qk2Tz7Wb3Jx';
const fragments = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));

const hosts: HeadlessHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
});

async function start(options: Parameters<typeof startHeadlessHost>[0]): Promise<HeadlessHost> {
  const host = await startHeadlessHost(options);
  hosts.push(host);
  return host;
}

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body;
}

interface Details {
  run: { status: string };
  logs: Array<{ message: string }>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exitOf(host: HeadlessHost): Promise<{ code: number | null; at: number }> {
  return new Promise((done) => host.child.once('exit', (code) => done({ code, at: Date.now() })));
}

describe('headless host', () => {
  it('exits within 10 s of SIGTERM with a long step running and an SSE client connected', async () => {
    const host = await start({ dataDir: makeTempDir() });
    // A step that ignores SIGTERM: only the process-group kill after the grace period ends it.
    const script = "process.on('SIGTERM', () => {}); console.log('pid ' + process.pid); setInterval(() => {}, 1000);";
    const task = await call<{ id: string }>(host, 'tasks.create', {
      title: 'Long step',
      pipeline: { steps: [{ id: 'sleep', uses: 'shell.exec', with: { argv: [process.execPath, '-e', script] } }] },
    });
    const run = await call<{ id: string }>(host, 'tasks.runNow', { id: task.id });
    const stepPid = await until('the step printing its pid', async () => {
      const details = await call<Details>(host, 'runs.get', { id: run.id });
      const line = details.logs.find((l) => l.message.startsWith('pid '));
      return line ? Number(line.message.slice(4)) : undefined;
    });
    const sse = new AbortController();
    const events = await fetch(`${host.baseUrl}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
      signal: sse.signal,
    });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    const streamEnded = (async () => {
      while (!(await reader.read().catch(() => ({ done: true }))).done);
    })();

    const exited = exitOf(host);
    const sentAt = Date.now();
    host.child.kill('SIGTERM');
    const { code, at } = await exited;
    expect(at - sentAt).toBeLessThan(10_000);
    expect(code).toBe(0);
    await streamEnded;
    expect(processIsGone(stepPid)).toBe(true);
    sse.abort();
  }, 30_000);

  it('masks an environment secret in the first step after a restart, before anything read it', async () => {
    const dataDir = makeTempDir();
    const env = { RIDGELINE_SECRET_DEPLOY_KEY: SECRET };
    // The step prints the secret from a file (as a user's own script might); the pipeline never holds it.
    const file = join(mkdtempSync(join(tmpdir(), 'ridgeline-secret-')), 'key.txt');
    writeFileSync(file, SECRET);
    const script = "console.log('key ' + require('fs').readFileSync(process.argv[1], 'utf8'))";
    const first = await start({ dataDir, env });
    const task = await call<{ id: string }>(first, 'tasks.create', {
      title: 'Prints a key',
      pipeline: {
        steps: [{ id: 'print', uses: 'shell.exec', with: { argv: [process.execPath, '-e', script, file] } }],
      },
    });
    await first.stop();

    const host = await start({ dataDir, env });
    const run = await call<{ id: string }>(host, 'tasks.runNow', { id: task.id });
    const details = await until('the run to succeed', async () => {
      const d = await call<Details>(host, 'runs.get', { id: run.id });
      return d.run.status === 'succeeded' ? d : undefined;
    });
    expect(details.logs.map((l) => l.message)).toContain('key [redacted]');
    expect(JSON.stringify(details)).not.toContain(SECRET);
    const wal = readFileSync(join(dataDir, 'ridgeline.db-wal'));
    const db = readFileSync(join(dataDir, 'ridgeline.db'));
    for (const bytes of [db, wal]) for (const f of fragments) expect(bytes.includes(Buffer.from(f))).toBe(false);
    await host.stop();
    const closed = readFileSync(join(dataDir, 'ridgeline.db'));
    for (const f of fragments) expect(closed.includes(Buffer.from(f))).toBe(false);
  }, 60_000);
});
