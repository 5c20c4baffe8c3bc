import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

// A real MCP client against the built headless host (a child process): over Streamable HTTP at
// /mcp, and over stdio through the built out/mcp/ridgeline-mcp.js, which reaches the host by HTTP.
const MCP_ENTRY = resolve(__dirname, '../../out/mcp/ridgeline-mcp.js');

let host: HeadlessHost;
const clients: Client[] = [];
beforeAll(async () => {
  host = await startHeadlessHost({ dataDir: makeTempDir() });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await host?.stop();
});

async function overHttp(token = host.token): Promise<Client> {
  const client = new Client({ name: 'mcp-http-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${host.baseUrl}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

async function overStdio(): Promise<Client> {
  const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [MCP_ENTRY, '--data-dir', host.dataDir],
      stderr: 'pipe',
    }),
  );
  clients.push(client);
  return client;
}

type Structured = Record<string, unknown> & { task?: { id: string; title: string; paused: boolean } };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function ok(client: Client, name: string, args: Record<string, unknown>): Promise<Structured> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Structured;
}

function errorText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each([
  ['Streamable HTTP', () => overHttp()],
  ['stdio', overStdio],
])('MCP over %s', (transport, connect) => {
  it('lists the tools, each with input and output schemas, and none that decides an approval', async () => {
    const { tools } = await (await connect()).listTools();
    const names = tools.map((t) => t.name);
    for (const expected of [
      'list_tasks',
      'get_task',
      'create_task',
      'run_task',
      'pause_task',
      'resume_task',
      'list_runs',
      'get_run',
      'read_run_log',
      'preview_schedule',
      'validate_pipeline',
      'usage_summary',
      'list_approvals',
    ]) {
      expect(names).toContain(expected);
    }
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    expect(names.filter((n) => /approve|reject|decide/.test(n))).toEqual([]);
    const create = tools.find((t) => t.name === 'create_task')!;
    expect(create.inputSchema.required).toEqual(['title']);
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['pipeline', 'schedule']));
  });

  it('creates a task with a shell step paused until the user enables it, and will not resume or run it', async () => {
    const client = await connect();
    const created = await ok(client, 'create_task', {
      title: `Clean up (${transport})`,
      pipeline: { steps: [{ id: 'rm', uses: 'shell.exec', with: { argv: ['true'] } }] },
      schedule: { kind: 'cron', expr: '0 3 * * *' },
    });
    expect(created.paused).toBe(true);
    expect(created.needsUserFor).toEqual(['shell.exec']);
    expect(created.message).toContain('stays paused until you enable it');
    const id = created.task!.id;
    const stored = await ok(client, 'get_task', { id });
    expect(stored).toMatchObject({ paused: true, nextRunAt: null, schedule: { kind: 'cron', expr: '0 3 * * *' } });

    expect(errorText(await call(client, 'resume_task', { id }))).toContain('An agent cannot resume');
    expect(errorText(await call(client, 'run_task', { id }))).toContain('An agent cannot run');
    expect((await ok(client, 'list_runs', { taskId: id })).total).toBe(0);
    expect((await ok(client, 'get_task', { id })).paused).toBe(true);
  });

  it('creates a task with a wait step on a schedule seconds ahead, which then runs; its run and log read back', async () => {
    const client = await connect();
    const at = new Date(Date.now() + 2_000).toISOString();
    const preview = await ok(client, 'preview_schedule', { schedule: { kind: 'once', expr: at }, count: 1 });
    expect((preview.occurrences as { at: string }[])[0]!.at).toBe(at);

    const created = await ok(client, 'create_task', {
      title: `Pace (${transport})`,
      pipeline: {
        params: { ms: { type: 'number', default: 50 } },
        steps: [
          { id: 'pause', uses: 'wait', with: { ms: '${params.ms}' } },
          { id: 'never', uses: 'wait', if: '`false`', with: { ms: 1 } },
        ],
      },
      schedule: { kind: 'once', expr: at },
    });
    expect(created).toMatchObject({ paused: false, needsUserFor: [] });
    const id = created.task!.id;

    const run = await until('the scheduled run to succeed', async () => {
      const page = await ok(client, 'list_runs', { taskId: id });
      const first = (page.items as { id: string; status: string; trigger: string }[])[0];
      return first?.status === 'succeeded' ? first : undefined;
    });
    expect(run.trigger).toBe('schedule');
    const details = await ok(client, 'get_run', { id: run.id });
    expect(details.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ stepId: 'pause', status: 'complete' })]),
    );
    const log = await ok(client, 'read_run_log', { id: run.id });
    expect((log.lines as { message: string }[]).map((l) => l.message)).toContain(
      'Step never skipped: if `false` was false',
    );

    const paused = await ok(client, 'pause_task', { id });
    expect(paused.paused).toBe(true);
    expect((await ok(client, 'resume_task', { id })).paused).toBe(false);
    const manual = await ok(client, 'run_task', { id, params: { ms: 10 } });
    expect(manual.trigger).toBe('agent');
    const manualDetails = await ok(client, 'get_run', { id: manual.id });
    expect(manualDetails.params).toEqual({ ms: 10 });
  });

  it('returns validation errors with the paths of the bad fields', async () => {
    const client = await connect();
    const badPipeline = await call(client, 'create_task', {
      title: 'Typo',
      pipeline: { steps: [{ id: 'x', uses: 'shel.exec', with: {} }] },
    });
    expect(errorText(badPipeline)).toContain('pipeline.steps[0].uses: there is no tool named "shel.exec"');
    const noTitle = await call(client, 'create_task', { schedule: { kind: 'manual' } });
    expect(errorText(noTitle)).toContain('"path":"title"');
    const checked = await ok(client, 'validate_pipeline', { pipeline: { steps: [{ id: 'x', uses: 'nope' }] } });
    expect(checked).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: 'steps[0].uses' })] });
    const tasks = await ok(client, 'list_tasks', { search: 'Typo' });
    expect(tasks.total).toBe(0);
  });
});

describe('MCP access', () => {
  it('refuses a client with a wrong token over HTTP', async () => {
    await expect(overHttp('not-the-token')).rejects.toThrow(/401|token/i);
  });

  it("refuses stdio tool calls when the data directory holds a wrong token, with the host's error", async () => {
    const dataDir = makeTempDir();
    copyFileSync(join(host.dataDir, 'host.json'), join(dataDir, 'host.json'));
    writeFileSync(join(dataDir, 'api-token'), 'not-the-token\n');
    const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [MCP_ENTRY, '--data-dir', dataDir] }),
    );
    clients.push(client);
    const result = await call(client, 'list_tasks', {});
    expect(errorText(result)).toContain('The API token is wrong');
  });

  it('`ridgeline mcp` serves the same tools over stdio, as a client config would start it', async () => {
    const client = new Client({ name: 'mcp-cli-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [resolve(__dirname, '../../out/cli/ridgeline.js'), 'mcp', '--data-dir', host.dataDir],
      }),
    );
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('create_task');
    expect(tools.map((t) => t.name)).not.toContain('decide_approval');
  });

  it('stdio says no host is running, and how to start one, when none is', async () => {
    const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MCP_ENTRY, '--data-dir', makeTempDir()],
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await expect(client.connect(transport)).rejects.toThrow();
    expect(stderr).toContain('No Ridgeline host is running on');
    expect(stderr).toContain('npm run serve');
  });
});
