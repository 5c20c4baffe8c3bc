// MCP tools against a real stdio MCP server (the fixture), started by the SDK's real transport:
// listing, calls checked both ways against the listed schemas, failures, secrets, cancellation,
// servers that cannot start, and no process left behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/core/lib/errors';
import { mcpToolLookup } from '../../../../src-main/core/mcp/lookup';
import { runTool } from '../../../../src-main/core/tools/registry';
import type { Tool } from '../../../../src-main/core/tools/tool';
import { makeTempDir } from '../../../helpers/temp-dir';
import { testContext } from '../tools/tool-context';
import {
  FIXTURE_TOKEN,
  echoServer,
  expectGone,
  failureOf,
  fixtureServer,
  openManager,
  until,
  type TestManager,
} from './mcp-fixture';

function toolOf(t: TestManager, name: string): Tool {
  const tool = t.manager.findTool(name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
}

const call = (t: TestManager, name: string, input: unknown, signal?: AbortSignal) =>
  runTool(toolOf(t, name), input, testContext(signal ? { signal } : {}).context);

describe('MCP servers and their tools', () => {
  it('lists the tools of a configured server with the schemas the server gives', async () => {
    const t = openManager();
    expect(t.manager.describe('mcp.echo.echo')).toBeNull();
    const [server] = await t.manager.servers();
    expect(server).toMatchObject({ name: 'echo', command: process.execPath, status: 'connected' });
    const echo = server?.tools.find((tool) => tool.name === 'echo');
    expect(echo).toMatchObject({
      uses: 'mcp.echo.echo',
      description: 'Returns the text it is given.',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      outputSchema: null,
    });
    expect(t.manager.describe('mcp.echo.add')?.outputSchema).toMatchObject({
      properties: { sum: { type: 'number' } },
      required: ['sum'],
    });
    expect(t.manager.describe('mcp.echo.nope')).toBeUndefined();
  });

  it('gives the pipeline validator the listed schemas, and an open one before the server runs', async () => {
    const t = openManager();
    const lookup = mcpToolLookup(t.manager);
    expect(lookup('mcp.echo.echo')).toEqual({ inputSchema: {} });
    expect(lookup('mcp.other.echo')).toBeUndefined();
    expect(lookup('shell.exec')).toBeUndefined();
    await t.manager.prepare(['mcp.echo.echo', 'shell.exec']);
    const echo = lookup('mcp.echo.echo');
    if (!echo || !('input' in echo)) throw new Error('expected the listed schema as zod');
    expect(echo.input.safeParse({ text: 'hi' }).success).toBe(true);
    expect(echo.input.safeParse({ text: 5 }).error?.issues[0]?.path).toEqual(['text']);
    const add = lookup('mcp.echo.add');
    expect(add && 'output' in add && add.output?.safeParse({ sum: 'x' }).success).toBe(false);
    expect(lookup('mcp.echo.nope')).toBeUndefined();
  });

  it('resolves only mcp.<server>.<tool> names of configured servers, without starting them', () => {
    const t = openManager();
    expect(t.manager.findTool('mcp.echo.echo')?.name).toBe('mcp.echo.echo');
    expect(t.manager.findTool('mcp.other.echo')).toBeUndefined();
    expect(t.manager.findTool('shell.exec')).toBeUndefined();
    expect(t.manager.pid('echo')).toBeNull();
  });

  it('calls a tool with valid input and returns its text content', async () => {
    const t = openManager();
    await expect(call(t, 'mcp.echo.echo', { text: 'hello from Ridgeline' })).resolves.toBe('hello from Ridgeline');
  });

  it('returns structured content as the output, checked against the output schema', async () => {
    const t = openManager();
    await expect(call(t, 'mcp.echo.add', { a: 2, b: 40 })).resolves.toEqual({ sum: 42 });
  });

  it('refuses input that does not match the listed schema, naming the field, before calling the server', async () => {
    const t = openManager();
    await expect(call(t, 'mcp.echo.calls', {})).resolves.toBe('1');
    const wrongType = await failureOf(call(t, 'mcp.echo.echo', { text: 5 }));
    expect(wrongType.kind).toBe('permanent');
    expect(wrongType.message).toMatch(/^steps\.build\.with: text: Invalid input: expected string, received number/);
    const missing = await failureOf(call(t, 'mcp.echo.add', { a: 1 }));
    expect(missing.message).toMatch(/^steps\.build\.with: b: /);
    // Only the two `calls` calls reached the server.
    await expect(call(t, 'mcp.echo.calls', {})).resolves.toBe('2');
  });

  it('refuses structured content that breaks the output schema the server declared', async () => {
    const t = openManager([echoServer({ name: 'raw', args: [fixtureServer, '--raw'] })]);
    const error = await failureOf(call(t, 'mcp.raw.bad_sum', {}));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/^mcp\.raw\.bad_sum: .*does not match the tool's output schema.*sum/);
  });

  it('returns structured content a tool gives without declaring an output schema', async () => {
    const t = openManager([echoServer({ name: 'raw', args: [fixtureServer, '--raw'] })]);
    await expect(call(t, 'mcp.raw.untyped', {})).resolves.toEqual({ items: [1, 2] });
  });

  it('fails a call whose result has isError, with the text the server gave', async () => {
    const t = openManager();
    const error = await failureOf(call(t, 'mcp.echo.fail', { message: 'the upstream API said no' }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toBe('mcp.echo.fail failed: the upstream API said no');
  });

  it('fails a tool the server does not list, naming the tools it has', async () => {
    const t = openManager();
    const error = await failureOf(call(t, 'mcp.echo.nope', {}));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/The MCP server echo has no tool "nope" \(it has: echo, add, fail, slow/);
  });

  it('hands the server its secret env variable, and masks the value in everything it logs', async () => {
    const t = openManager();
    const digest = await call(t, 'mcp.echo.secret_digest', {});
    expect(digest).toEqual({
      present: true,
      length: FIXTURE_TOKEN.length,
      sha256: createHash('sha256').update(FIXTURE_TOKEN).digest('hex'),
    });
    // The fixture writes the token to stderr at start, as a careless server would.
    expect(t.logLines.some((l) => l.includes('fixture: starting with token [redacted]'))).toBe(true);
    expect(t.logLines.join('\n')).not.toContain(FIXTURE_TOKEN);
    expect(t.redactor.text(`key=${FIXTURE_TOKEN}`)).toBe('key=[redacted]');
  });

  it('starts the server with a scrubbed environment: the allowlist, its env and its secrets only', async () => {
    process.env.RIDGELINE_SECRET_PLANTED = 'must-not-reach-the-server';
    process.env.SOME_HOST_VARIABLE = 'nor-this';
    try {
      const t = openManager();
      const { names } = (await call(t, 'mcp.echo.env_names', {})) as { names: string[] };
      expect(names).toEqual(expect.arrayContaining(['PATH', 'FIXTURE_MODE', 'FIXTURE_TOKEN']));
      expect(names).not.toContain('RIDGELINE_SECRET_PLANTED');
      expect(names).not.toContain('SOME_HOST_VARIABLE');
    } finally {
      delete process.env.RIDGELINE_SECRET_PLANTED;
      delete process.env.SOME_HOST_VARIABLE;
    }
  });

  it('fails with the secret named when a secretEnv secret is not set', async () => {
    const t = openManager([echoServer({ secretEnv: { API_KEY: 'missing_secret' } })]);
    const error = await failureOf(call(t, 'mcp.echo.echo', { text: 'x' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/MCP server "echo" could not start .*the secret "missing_secret" \(for API_KEY\)/);
  });

  it('cancels a running call when the step is aborted; the server sees the cancellation', async () => {
    const t = openManager();
    const marker = join(makeTempDir(), 'cancelled');
    await call(t, 'mcp.echo.whoami', {});
    const controller = new AbortController();
    const started = Date.now();
    const pending = call(t, 'mcp.echo.slow', { ms: 10_000, marker }, controller.signal);
    setTimeout(() => controller.abort('cancelled'), 100);
    const error = await failureOf(pending);
    expect(error.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(3_000);
    await until(() => existsSync(marker), 'the server wrote its cancellation marker');
    expect(readFileSync(marker, 'utf8')).toBe('cancelled');
    // The connection stays usable.
    await expect(call(t, 'mcp.echo.echo', { text: 'still here' })).resolves.toBe('still here');
  });

  it('gives a permanent error naming the server and the command when the command does not exist', async () => {
    const t = openManager([echoServer({ command: '/nonexistent/mcp-server-binary', args: ['--stdio'] })]);
    const error = await failureOf(call(t, 'mcp.echo.echo', { text: 'x' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(
      /^MCP server "echo" could not start \(command: \/nonexistent\/mcp-server-binary --stdio\): the command \/nonexistent\/mcp-server-binary was not found/,
    );
    const [status] = await t.manager.servers({ connect: false });
    expect(status).toMatchObject({ status: 'error', error: expect.stringMatching(/was not found/), tools: [] });
  });

  it('quotes the stderr tail of a server that exits at start', async () => {
    const t = openManager([echoServer({ args: [fixtureServer, '--crash-on-start'] })]);
    const error = await failureOf(call(t, 'mcp.echo.echo', { text: 'x' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/exited before it completed the MCP handshake/);
    expect(error.message).toMatch(/stderr ended with:\nfixture: loading configuration\nfatal: no configuration file/);
    expect(error.details).toMatchObject({ server: 'echo', command: process.execPath });
  });

  it('leaves no server process behind after close', async () => {
    const t = openManager();
    await call(t, 'mcp.echo.echo', { text: 'x' });
    const pid = t.manager.pid('echo');
    expect(pid).toBeGreaterThan(0);
    await t.manager.close();
    await expectGone(pid as number);
  });

  it('keeps one server process across calls, and starts a new one after the process died', async () => {
    const t = openManager();
    const first = Number(await call(t, 'mcp.echo.whoami', {}));
    expect(Number(await call(t, 'mcp.echo.whoami', {}))).toBe(first);
    process.kill(first, 'SIGKILL');
    await expectGone(first);
    await until(() => t.manager.pid('echo') === null, 'the connection noticed the exit');
    const second = Number(await call(t, 'mcp.echo.whoami', {}));
    expect(second).not.toBe(first);
    expect(t.manager.pid('echo')).toBe(second);
  });

  it('fails a call during which the server exits as retryable, and recovers on the next call', async () => {
    const t = openManager();
    const error = await failureOf(call(t, 'mcp.echo.crash', {}));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/^mcp\.echo\.crash: the MCP server echo exited during the call/);
    await expect(call(t, 'mcp.echo.echo', { text: 'back' })).resolves.toBe('back');
  });

  it('picks up tools the server adds while it runs', async () => {
    const t = openManager();
    await call(t, 'mcp.echo.grow', {});
    await until(() => t.manager.describe('mcp.echo.grown') != null, 'the changed tool list arrived');
    await expect(call(t, 'mcp.echo.grown', {})).resolves.toBe('grown');
  });

  it('starts the server again when its settings change, and closes servers removed from the settings', async () => {
    const t = openManager();
    const first = Number(await call(t, 'mcp.echo.whoami', {}));
    t.settings.update({ mcpServers: [echoServer({ env: { FIXTURE_MODE: 'changed' } })] });
    const second = Number(await call(t, 'mcp.echo.whoami', {}));
    expect(second).not.toBe(first);
    await expectGone(first);
    t.settings.update({ mcpServers: [] });
    expect(await t.manager.servers()).toEqual([]);
    await expectGone(second);
  });

  it('reports idle servers without starting them, and tests one on request', async () => {
    const t = openManager();
    expect(await t.manager.servers({ connect: false })).toEqual([
      { name: 'echo', transport: 'stdio', command: process.execPath, args: [fixtureServer], status: 'idle', tools: [] },
    ]);
    expect(t.manager.pid('echo')).toBeNull();
    const tested = await t.manager.test('echo');
    expect(tested.status).toBe('connected');
    expect(tested.tools.map((tool) => tool.uses)).toContain('mcp.echo.slow');
    const missing = await t.manager.test('nope').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AppError.isInstance(missing) && missing.code).toBe('not_found');
  });
});
