// MCP tools through the whole runtime: a pipeline whose steps use the fixture server's tools runs
// to its end, the API lists the servers, the secret the server gets never reaches the database or
// the log, and stopping the runtime ends the server process.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createRuntime, type Runtime } from '../../../../src-main/core/runtime';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { memorySettings } from '../../../helpers/test-runtime';
import { FIXTURE_TOKEN, echoServer, expectGone } from './mcp-fixture';

const started: Runtime[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

async function startRuntime() {
  const dataDir = makeTempDir();
  const clock = new FakeClock();
  // The host shares its redactor with the runtime, so secrets the runtime learns are masked in its log.
  const redactor = new Redactor();
  const logLines: string[] = [];
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async () => undefined },
    secrets: createEnvSecretStore({ RIDGELINE_SECRET_FIXTURE_TOKEN: FIXTURE_TOKEN }),
    settings: memorySettings({ mcpServers: [echoServer()] }),
    logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor, now: () => clock.now() }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  await runtime.start();
  started.push(runtime);
  return { runtime, clock, dataDir, logLines };
}

async function until(clock: FakeClock, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('MCP tools in the runtime', () => {
  it('runs a pipeline whose steps use MCP tools, keeps the secret out of the database and log, and ends the server on stop', async () => {
    const { runtime, clock, dataDir, logLines } = await startRuntime();
    const task = await runtime.api.call('tasks.create', {
      title: 'Talk to the echo server',
      pipeline: {
        steps: [
          { id: 'say', uses: 'mcp.echo.echo', with: { text: 'hello from a pipeline' } },
          { id: 'sum', uses: 'mcp.echo.add', with: { a: 2, b: 3 } },
          { id: 'digest', uses: 'mcp.echo.secret_digest' },
          { id: 'pid', uses: 'mcp.echo.whoami' },
        ],
      },
    });
    const run = await runtime.api.call('tasks.runNow', { id: task.id });
    await until(clock, async () => {
      const { run: current } = await runtime.api.call('runs.get', { id: run.id });
      return !['queued', 'running'].includes(current.status);
    });
    const details = await runtime.api.call('runs.get', { id: run.id });
    expect(details.run.status).toBe('succeeded');
    const outputs = Object.fromEntries(details.steps.map((s) => [s.stepId, s.output]));
    expect(outputs.say).toBe('hello from a pipeline');
    expect(outputs.sum).toEqual({ sum: 5 });
    expect(outputs.digest).toMatchObject({ present: true, length: FIXTURE_TOKEN.length });

    const [server] = await runtime.api.call('mcp.servers', { connect: false });
    expect(server).toMatchObject({ name: 'echo', status: 'connected' });
    expect(server?.tools.map((t) => t.uses)).toContain('mcp.echo.echo');

    const pid = Number(outputs.pid);
    await runtime.stop();
    await expectGone(pid);
    // Every file, the database backups in backups/ included.
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const path = join(file.parentPath, file.name);
      expect(readFileSync(path).includes(FIXTURE_TOKEN), path).toBe(false);
    }
    expect(logLines.join('\n')).not.toContain(FIXTURE_TOKEN);
    expect(logLines.some((l) => l.includes('token [redacted]'))).toBe(true);
  });

  it('refuses a step input that does not match the tool schema, naming the step and the field', async () => {
    const { runtime, clock } = await startRuntime();
    const task = await runtime.api.call('tasks.create', {
      title: 'Bad echo',
      pipeline: { steps: [{ id: 'say', uses: 'mcp.echo.echo', with: { words: 'no text field' } }] },
    });
    const run = await runtime.api.call('tasks.runNow', { id: task.id });
    await until(clock, async () => (await runtime.api.call('runs.get', { id: run.id })).run.status === 'failed');
    const details = await runtime.api.call('runs.get', { id: run.id });
    expect(details.run.error?.error).toMatch(/^steps\.say\.with: text: Invalid input/);
  });

  it('checks MCP steps against the listed schema when a pipeline is written, once the server runs', async () => {
    const { runtime } = await startRuntime();
    const pipeline = { steps: [{ id: 'say', uses: 'mcp.echo.echo', with: { text: 42 } }] };
    // Not started yet: the schema is unknown, so the step is checked when it runs.
    expect((await runtime.api.call('pipelines.validate', { pipeline })).issues).toEqual([]);
    await runtime.api.call('mcp.test', { name: 'echo' });
    const { ok, issues } = await runtime.api.call('pipelines.validate', { pipeline });
    expect(ok).toBe(false);
    expect(issues.map((i) => i.path)).toEqual(['steps[0].with.text']);
    const unknown = await runtime.api.call('pipelines.validate', {
      pipeline: { steps: [{ id: 'x', uses: 'mcp.echo.nope' }] },
    });
    expect(unknown.issues).toEqual([{ path: 'steps[0].uses', message: 'there is no tool named "mcp.echo.nope"' }]);
  });

  it('lists and tests servers through the API', async () => {
    const { runtime } = await startRuntime();
    expect(await runtime.api.call('mcp.servers', { connect: false })).toMatchObject([
      { name: 'echo', status: 'idle', tools: [] },
    ]);
    const tested = await runtime.api.call('mcp.test', { name: 'echo' });
    expect(tested.status).toBe('connected');
    expect(tested.tools.find((t) => t.name === 'add')?.outputSchema).toMatchObject({ required: ['sum'] });
    await expect(runtime.api.call('mcp.test', { name: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
