// A secret that is only in the environment (never read by a step) and that real child processes and
// a real HTTP server put exactly at a cut (the 64 KiB split of a log line, the 1 MiB output cap, the
// 2,000-character stderr tail, the 500-character HTTP error snippet) leaves no 8-character piece in
// runs.get, the run log, the pushed events, or the bytes of the database and its WAL. Real parts:
// the runtime on a SQLite file, node child processes, a loopback HTTP server; the notifier records.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../src-main/core/api/contract';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { memorySettings } from '../helpers/test-runtime';
import { FakeClock } from '../helpers/fake-clock';
import { makeTempDir } from '../helpers/temp-dir';

const SECRET = 'sk-env-cut-3Rq8Vn1Xw6Ht9Lb';
const fragments = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));
const leaked = (text: string | Buffer): string[] => fragments.filter((f) => text.includes(f));

let runtime: Runtime;
let clock: FakeClock;
let dataDir: string;
let server: Server;
let base: string;
let secretFile: string;
const pushed: PushMessage[] = [];

beforeAll(async () => {
  dataDir = makeTempDir();
  secretFile = join(makeTempDir(), 'key.txt');
  writeFileSync(secretFile, SECRET);
  server = createServer((req, res) => {
    const at = Number((req.url ?? '/0').slice(1));
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`${'a'.repeat(at)}${SECRET}${'b'.repeat(700)}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clock = new FakeClock();
  const redactor = new Redactor();
  runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async () => undefined },
    secrets: createEnvSecretStore({ RIDGELINE_SECRET_CUT_KEY: SECRET }),
    settings: memorySettings(),
    logger: createLogger({ sinks: [], redactor, now: () => clock.now() }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  runtime.api.subscribe((m) => pushed.push(m));
  await runtime.start();
});
afterAll(async () => {
  await runtime.stop();
  await new Promise<void>((done) => server.close(() => done()));
});

/** A step printing `before` characters, the secret (read from a file, in two writes), then `after`. */
function printer(before: number, after: number, stream: 'stdout' | 'stderr', code = 0) {
  const script = `
    const [file, before, after, stream, code] = process.argv.slice(1);
    const secret = require('fs').readFileSync(file, 'utf8');
    const out = process[stream];
    out.write('a'.repeat(Number(before)) + secret.slice(0, 9), () =>
      setTimeout(() => out.write(secret.slice(9) + 'b'.repeat(Number(after)), () => process.exit(Number(code))), 40));`;
  return {
    id: 'print',
    uses: 'shell.exec',
    with: { argv: [process.execPath, '-e', script, secretFile, String(before), String(after), stream, String(code)] },
  };
}

async function runToEnd(step: unknown): Promise<string> {
  const task = await runtime.api.call('tasks.create', {
    title: 'Cut',
    retryPolicy: { maxAttempts: 1 },
    pipeline: { steps: [step] } as never,
  });
  const run = await runtime.api.call('tasks.runNow', { id: task.id });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const details = await runtime.api.call('runs.get', { id: run.id });
    if (['succeeded', 'failed'].includes(details.run.status)) return JSON.stringify(details);
    if (Date.now() > deadline) throw new Error(`run ${run.id} is still ${details.run.status}`);
    clock.advance(0);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const around = (cut: number): number[] => [cut - 1, cut, cut + 1, cut - 9, cut - SECRET.length];

describe('a secret at a cut, through a whole run', () => {
  it.each(around(64 * 1024))('leaves no piece at the split of a log line (secret at %i)', async (at) => {
    expect(leaked(await runToEnd(printer(at, 200, 'stdout')))).toEqual([]);
  });

  it.each(around(1024 * 1024))('leaves no piece at the output cap (secret at byte %i)', async (at) => {
    expect(leaked(await runToEnd(printer(at, 200, 'stdout')))).toEqual([]);
  });

  it.each(around(2_000))('leaves no piece in a stderr tail (secret %i characters before the end)', async (fromEnd) => {
    const details = await runToEnd(printer(5_000, Math.max(0, fromEnd - SECRET.length), 'stderr', 3));
    expect(details).toContain('exited with code 3');
    expect(leaked(details)).toEqual([]);
  });

  it.each(around(500))('leaves no piece in an HTTP error snippet (secret at %i)', async (at) => {
    const details = await runToEnd({ id: 'fetch', uses: 'http.request', with: { url: `${base}/${at}` } });
    expect(details).toContain('returned 500');
    expect(leaked(details)).toEqual([]);
  });

  it('left no piece in the pushed events or in the database and WAL files', () => {
    expect(leaked(JSON.stringify(pushed))).toEqual([]);
    expect(leaked(readFileSync(join(dataDir, 'ridgeline.db')))).toEqual([]);
    expect(leaked(readFileSync(join(dataDir, 'ridgeline.db-wal')))).toEqual([]);
  });
});
