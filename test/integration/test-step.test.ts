// pipelines.testStep on a real runtime: a real HTTP step against a loopback server that echoes the
// bearer token it is sent (a planted secret, masked in what comes back), a real shell step with its
// log, a step stopped by its timeout, and the steps a test refuses. The notifier records instead of
// showing (no desktop here).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { FakeClock } from '../helpers/fake-clock';
import { makeTempDir } from '../helpers/temp-dir';
import { memorySettings } from '../helpers/test-runtime';

const PLANTED = 'sk-plant-Tq7Wm2Xc9Lp4Rv8N';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

interface Echo {
  url: string;
  requests: { url: string; authorization: string | undefined; body: string }[];
}

async function echoServer(): Promise<Echo> {
  const requests: Echo['requests'] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      requests.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          city: new URL(req.url ?? '/', 'http://x').searchParams.get('city'),
          token: req.headers.authorization,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function start(): Promise<{ runtime: Runtime; clock: FakeClock; dataDir: string }> {
  const dataDir = makeTempDir();
  const clock = new FakeClock();
  const redactor = new Redactor();
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async () => undefined },
    secrets: createEnvSecretStore({ RIDGELINE_SECRET_WEATHER_KEY: PLANTED }),
    settings: memorySettings(),
    logger: createLogger({ sinks: [], redactor, now: () => clock.now() }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  await runtime.start();
  cleanups.push(() => runtime.stop());
  return { runtime, clock, dataDir };
}

const pipelineFor = (base: string) => ({
  params: { city: { type: 'string', required: true } },
  steps: [
    {
      id: 'weather',
      uses: 'http.request',
      with: {
        url: `${base}/weather`,
        query: { city: '${params.city}' },
        secret_headers: { Authorization: 'Bearer {secret:weather_key}' },
        response: 'json',
      },
    },
    {
      id: 'say',
      uses: 'shell.exec',
      with: { argv: [process.execPath, '-e', 'console.log("it is " + process.argv[1])', '${steps.weather.body.city}'] },
    },
    { id: 'ask', uses: 'approval.request', with: { question: 'Go on?' } },
  ],
});

describe('pipelines.testStep', () => {
  it('runs an HTTP step for real against a loopback server, with the params given, and masks the secret it sent', async () => {
    const { runtime, dataDir } = await start();
    const echo = await echoServer();
    const result = await runtime.api.call('pipelines.testStep', {
      pipeline: pipelineFor(echo.url),
      stepId: 'weather',
      params: { city: 'Denver' },
    });
    expect(echo.requests).toHaveLength(1);
    expect(echo.requests[0]).toMatchObject({ url: '/weather?city=Denver', authorization: `Bearer ${PLANTED}` });
    expect(result).toMatchObject({ stepId: 'weather', uses: 'http.request', ok: true, error: null, timedOut: false });
    expect(result.output).toMatchObject({ status: 200, body: { city: 'Denver', token: 'Bearer [redacted]' } });
    expect(JSON.stringify(result)).not.toContain(PLANTED);
    // No run is recorded for a test.
    expect((await runtime.api.call('runs.list', {})).items).toEqual([]);
    const files = readdirSync(dataDir).filter((f) => f.includes('.db'));
    for (const file of files) expect(readFileSync(join(dataDir, file)).includes(Buffer.from(PLANTED))).toBe(false);
  });

  it('runs a step that reads an earlier step from the sample output given, with its log', async () => {
    const { runtime } = await start();
    const echo = await echoServer();
    const input = { pipeline: JSON.stringify(pipelineFor(echo.url)), stepId: 'say', params: { city: 'Boulder' } };
    await expect(runtime.api.call('pipelines.testStep', input)).rejects.toThrow(
      /outputs: step "say" reads the output of step "weather": give a sample of it/,
    );
    const result = await runtime.api.call('pipelines.testStep', {
      ...input,
      outputs: { weather: { body: { city: 'Boulder' } } },
    });
    expect(result.ok).toBe(true);
    expect(result.input).toMatchObject({ argv: [process.execPath, '-e', expect.any(String), 'Boulder'] });
    expect(result.logs).toContainEqual({ stream: 'stdout', message: 'it is Boulder' });
  });

  it('stops a step at its timeout and says so', async () => {
    const { runtime, clock } = await start();
    const pipeline = {
      steps: [
        { id: 'slow', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'] } },
      ],
    };
    const pending = runtime.api.call('pipelines.testStep', { pipeline, stepId: 'slow', timeoutMs: 2_000 });
    // The clock is the runtime's: the timeout fires when it passes, not on the wall clock.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock.advance(2_000);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, timedOut: true, output: null });
    expect(result.error).toMatch(/timed out after 2000 ms|aborted/i);
  });

  it('refuses a step that asks for approval, an unknown step, and missing params, naming each', async () => {
    const { runtime } = await start();
    const pipeline = pipelineFor('http://127.0.0.1:9');
    await expect(
      runtime.api.call('pipelines.testStep', { pipeline, stepId: 'ask', params: { city: 'x' } }),
    ).rejects.toThrow(/stepId: step "ask" uses approval.request and cannot be tested on its own/);
    await expect(runtime.api.call('pipelines.testStep', { pipeline, stepId: 'nope' })).rejects.toThrow(
      /stepId: there is no step "nope" \(there are weather, say, ask\)/,
    );
    await expect(runtime.api.call('pipelines.testStep', { pipeline, stepId: 'weather' })).rejects.toThrow(
      /params\.city/,
    );
    await expect(
      runtime.api.call('pipelines.testStep', {
        pipeline: { steps: [{ id: 'code', uses: 'agent.run', with: { cli: 'claude', prompt: 'hi' } }] },
        stepId: 'code',
      }),
    ).rejects.toThrow(/uses agent.run and cannot be tested on its own: it hands the work to a coding agent/);
  });
});
