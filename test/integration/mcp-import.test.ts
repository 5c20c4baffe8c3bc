// A Claude Desktop config in the user's HOME, with a real stdio MCP server (the echo fixture) and a
// real remote one over Streamable HTTP that checks a bearer token, imported into the real headless
// host with a real gnome-keyring: previewed, applied, listed with its tools, and used by a
// pipeline. The tokens go to the keychain and appear in no answer and no file of the data directory.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startKeyringHost, type KeyringHost } from '../helpers/keyring-host';
import { startRemoteMcpServer, type RemoteMcpServer } from '../helpers/remote-mcp-server';
import { makeTempDir } from '../helpers/temp-dir';

const FIXTURE_TOKEN = 'fixture-token-3c9a1f7e5d2b';
const REMOTE_TOKEN = 'remote-bearer-8d6f4b2a0c1e';
const fixtureServer = resolve(__dirname, '../fixtures/mcp-echo-server.mjs');

type Status = { name: string; transport: string; status: string; error?: string; tools: { uses: string }[] };
type ImportAnswer = {
  applied: boolean;
  source: string;
  added: { name: string; from: string; transport: string; secrets: { name: string; path: string }[] }[];
  renamed: { from: string; to: string }[];
  refused: { name: string; path: string; message: string }[];
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('importing a Claude Desktop MCP config into the headless host', () => {
  let host: KeyringHost;
  let remote: RemoteMcpServer;
  let configPath: string;

  beforeAll(async () => {
    remote = await startRemoteMcpServer(REMOTE_TOKEN);
    const home = makeTempDir();
    mkdirSync(join(home, '.config', 'Claude'), { recursive: true });
    configPath = join(home, '.config', 'Claude', 'claude_desktop_config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        mcpServers: {
          'Echo Files': {
            command: process.execPath,
            args: [fixtureServer],
            env: { FIXTURE_TOKEN, FIXTURE_MODE: 'plain' },
          },
          weather: { type: 'http', url: remote.url, headers: { Authorization: `Bearer ${REMOTE_TOKEN}` } },
        },
      }),
    );
    host = await startKeyringHost({ home });
  });
  afterAll(async () => {
    await host?.stop();
    await remote?.close();
  });

  it('previews what it would add, rename and move to the keychain, changing nothing', async () => {
    const preview = await callApi<ImportAnswer>(host, 'mcp.importConfig', { from: 'claude-desktop' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ applied: false, source: configPath, refused: [] });
    expect(preview.body.renamed).toEqual([expect.objectContaining({ from: 'Echo Files', to: 'echo-files' })]);
    expect(preview.body.added.map((s) => [s.name, s.transport, s.secrets])).toEqual([
      [
        'echo-files',
        'stdio',
        [{ name: 'mcp.echo-files.FIXTURE_TOKEN', path: 'mcpServers.Echo Files.env.FIXTURE_TOKEN' }],
      ],
      ['weather', 'http', [{ name: 'mcp.weather.Authorization', path: 'mcpServers.weather.headers.Authorization' }]],
    ]);
    expect(JSON.stringify(preview.body)).not.toMatch(new RegExp(`${FIXTURE_TOKEN}|${REMOTE_TOKEN}`));
    expect((await callApi<{ mcpServers: unknown[] }>(host, 'settings.get', {})).body.mcpServers).toEqual([]);
  });

  it('applies it: the servers are listed with their tools, their tokens in the keychain only', async () => {
    const applied = await callApi<ImportAnswer>(host, 'mcp.importConfig', { from: 'claude-desktop', apply: true });
    expect(applied.body).toMatchObject({ applied: true });

    const settings = await callApi<{ mcpServers: Record<string, unknown>[] }>(host, 'settings.get', {});
    expect(settings.body.mcpServers).toEqual([
      expect.objectContaining({
        name: 'echo-files',
        env: { FIXTURE_MODE: 'plain' },
        secretEnv: { FIXTURE_TOKEN: 'mcp.echo-files.FIXTURE_TOKEN' },
      }),
      expect.objectContaining({
        name: 'weather',
        transport: 'http',
        url: remote.url,
        headers: {},
        secretHeaders: { Authorization: 'mcp.weather.Authorization' },
      }),
    ]);
    const secrets = await callApi<{ name: string; source: string }[]>(host, 'secrets.list', {});
    expect(secrets.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'mcp.echo-files.FIXTURE_TOKEN', source: 'keychain' }),
        expect.objectContaining({ name: 'mcp.weather.Authorization', source: 'keychain' }),
      ]),
    );

    const servers = await callApi<Status[]>(host, 'mcp.servers', {});
    expect(servers.body.map((s) => [s.name, s.transport, s.status, s.error])).toEqual([
      ['echo-files', 'stdio', 'connected', undefined],
      ['weather', 'http', 'connected', undefined],
    ]);
    expect(servers.body[0]!.tools.map((t) => t.uses)).toContain('mcp.echo-files.secret_digest');
    expect(servers.body[1]!.tools.map((t) => t.uses)).toEqual(['mcp.weather.forecast']);
    expect((await callApi<Status>(host, 'mcp.test', { name: 'weather' })).body.status).toBe('connected');
  });

  it('runs a pipeline that calls a tool of each server', async () => {
    const pipeline = {
      steps: [
        { id: 'sky', uses: 'mcp.weather.forecast', with: { city: 'Denver' } },
        { id: 'digest', uses: 'mcp.echo-files.secret_digest', with: {} },
      ],
    };
    const task = await callApi<{ id: string }>(host, 'tasks.create', { title: 'Both servers', pipeline });
    expect(task.status).toBe(200);
    const run = await callApi<{ id: string }>(host, 'tasks.runNow', { id: task.body.id });
    type View = { run: { status: string }; steps: { stepId: string; output: unknown }[] };
    let view: View | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      view = (await callApi<View>(host, 'runs.get', { id: run.body.id })).body;
      if (!['queued', 'running'].includes(view.run.status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(view!.run.status).toBe('succeeded');
    const output = (id: string) => view!.steps.filter((s) => s.stepId === id).at(-1)?.output;
    expect(output('sky')).toMatchObject({ city: 'Denver', sky: 'clear' });
    expect(output('digest')).toMatchObject({
      present: true,
      sha256: createHash('sha256').update(FIXTURE_TOKEN).digest('hex'),
    });
  });

  it('refuses servers already configured when the same config is pasted again', async () => {
    const text = readFileSync(configPath, 'utf8');
    const again = await callApi<ImportAnswer>(host, 'mcp.importConfig', { text, apply: true });
    expect(again.body).toMatchObject({ applied: false, source: 'pasted text', added: [] });
    expect(again.body.refused.map((r) => r.path)).toEqual(['mcpServers.Echo Files', 'mcpServers.weather']);
  });

  it('keeps the tokens out of every file of the data directory', async () => {
    await host.stop();
    for (const file of filesUnder(host.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(FIXTURE_TOKEN), file).toBe(false);
      expect(bytes.includes(REMOTE_TOKEN), file).toBe(false);
    }
  });
});
