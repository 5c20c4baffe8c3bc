// A planted secret, read by real tools in a real run, is found nowhere Ridgeline writes: not in the
// SQLite files (db, -wal, -shm, searched as raw bytes), the log file, config.json, the notifications
// sent or the events pushed. Real parts: the runtime on a data directory, loopback HTTP servers (one
// speaking the OpenAI-compatible wire format), child processes, the file logger and settings file.
// The notifier records instead of showing (no desktop here).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../src-main/core/api/contract';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import type { Notification } from '../../src-main/core/ports';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import { logDir } from '../../src-main/os/data-dir';
import { fileSink } from '../../src-main/os/log-file';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { createFileSettings } from '../../src-main/os/settings-file';
import { FakeClock } from '../helpers/fake-clock';
import { startLlmServer, type LlmServer } from '../helpers/llm-servers';
import { makeTempDir } from '../helpers/temp-dir';

const PLANTED = 'sk-plant-7Qx2Lr9ZwVb4Nd8KmTe3';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** An HTTP service that echoes the bearer token it was sent: in a JSON body, and in a 500's body. */
async function echoServer(): Promise<string> {
  const server: Server = createServer((req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (req.url === '/fail') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`upstream refused key ${token}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ echoed: token, deep: { a: { b: { c: { d: { e: { f: { g: { h: [token] } } } } } } } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file of the data directory, as raw bytes, that holds the planted key. */
function filesHoldingSecret(dataDir: string): string[] {
  const needle = Buffer.from(PLANTED);
  return filesUnder(dataDir).filter((file) => readFileSync(file).includes(needle));
}

interface Harness {
  runtime: Runtime;
  clock: FakeClock;
  dataDir: string;
  notifications: Notification[];
  pushed: PushMessage[];
  llm: LlmServer;
}

async function start(): Promise<Harness> {
  const dataDir = makeTempDir();
  const clock = new FakeClock();
  const llm = await startLlmServer('chat-completions');
  cleanups.push(() => llm.close());
  const settings = createFileSettings(dataDir);
  settings.update({
    providers: {
      openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'local-model', apiKeySecret: 'planted_key' },
    },
  });
  // As the hosts do (src-main/host-runtime.ts): one Redactor shared by the logger and the runtime.
  const redactor = new Redactor();
  const notifications: Notification[] = [];
  const pushed: PushMessage[] = [];
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async (n) => void notifications.push(n) },
    secrets: createEnvSecretStore({ RIDGELINE_SECRET_PLANTED_KEY: PLANTED }),
    settings,
    logger: createLogger({ sinks: [fileSink(logDir(dataDir))], redactor, now: () => clock.now(), level: 'debug' }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  runtime.api.subscribe((m) => pushed.push(m));
  await runtime.start();
  cleanups.push(() => runtime.stop());
  return { runtime, clock, dataDir, notifications, pushed, llm };
}

async function until(h: Harness, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    h.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function latestStatus(h: Harness, runId: string): string | undefined {
  for (const m of [...h.pushed].reverse()) {
    if (m.event === 'run:updated' && m.data.run.id === runId) return m.data.run.status;
  }
  return undefined;
}

const print = (id: string, script: string, value: string) => ({
  id,
  uses: 'shell.exec',
  with: { argv: [process.execPath, '-e', script, value] },
});

describe('secrets', () => {
  it('never writes a planted secret to the database, logs, settings, notifications or pushed events', async () => {
    const h = await start();
    const echo = await echoServer();
    const auth = { Authorization: 'Bearer {secret:planted_key}' };
    // Twice: the answer holds the key, so its checkpoint cannot stand in for it when the run resumes
    // after the approval; the step runs again.
    const answer = { kind: 'text' as const, text: `Your key is ${PLANTED} , keep it safe.` };
    h.llm.reply(answer, answer);
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Leaky pipeline',
      retryPolicy: { maxAttempts: 1 },
      pipeline: {
        steps: [
          { id: 'fetch', uses: 'http.request', with: { url: `${echo}/echo`, secret_headers: auth, response: 'json' } },
          print('out', 'console.log("stdout " + process.argv[1])', '${steps.fetch.body.echoed}'),
          print('err', 'console.error("stderr " + process.argv[1])', '${steps.fetch.body.echoed}'),
          {
            id: 'ask',
            uses: 'llm.generate',
            with: { provider: 'openai_compatible', prompt: 'Repeat this key: ${steps.fetch.body.echoed}' },
          },
          print('quoted', 'console.log(JSON.stringify({ said: process.argv[1] }))', '${steps.ask.text}'),
          {
            id: 'tell',
            uses: 'notify.send',
            with: { title: 'Key ${steps.fetch.body.echoed}', body: 'The key is ${steps.fetch.body.echoed}' },
          },
          {
            id: 'confirm',
            uses: 'approval.request',
            with: {
              question: 'Use the key ${steps.fetch.body.echoed}?',
              context: { key: '${steps.fetch.body.echoed}', response: '${steps.fetch.body}' },
            },
          },
          { id: 'fail', uses: 'http.request', with: { url: `${echo}/fail`, secret_headers: auth } },
        ],
      },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    await until(h, () => latestStatus(h, run.id) === 'awaiting_approval');
    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(approval?.question).toBe('Use the key [redacted]?');
    await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'approve' });
    await until(h, () => latestStatus(h, run.id) === 'failed');
    // Notifications held by burst coalescing are shown when the window closes.
    h.clock.advance(60_000);
    await until(h, () => h.notifications.length >= 3);

    // The run really handled the secret: it reached the servers and the failure quotes the reply.
    expect(h.llm.requests[0]?.headers.authorization).toBe(`Bearer ${PLANTED}`);
    expect(JSON.stringify(h.llm.requests[0]?.body)).toContain(PLANTED);
    const details = await h.runtime.api.call('runs.get', { id: run.id });
    expect(JSON.stringify(details)).toContain('upstream refused key [redacted]');
    const logs = await h.runtime.api.call('runs.logs', { id: run.id });
    expect(logs.map((l) => l.message)).toEqual(expect.arrayContaining(['stdout [redacted]', 'stderr [redacted]']));

    expect(h.notifications.map((n) => n.body)).toContain('The key is [redacted]');
    expect(JSON.stringify(h.notifications)).not.toContain(PLANTED);
    expect(JSON.stringify(h.pushed)).not.toContain(PLANTED);
    const names = filesUnder(h.dataDir).map((file) => file.slice(h.dataDir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['config.json', 'ridgeline.db', 'ridgeline.db-wal']));
    expect(names.some((name) => name.endsWith('.log'))).toBe(true);
    expect(filesHoldingSecret(h.dataDir)).toEqual([]);
    await h.runtime.stop();
    // After the WAL is checkpointed into the database file on close.
    expect(filesHoldingSecret(h.dataDir)).toEqual([]);
  });
});
