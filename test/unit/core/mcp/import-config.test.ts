import { describe, expect, it } from 'vitest';
import { planImport } from '../../../../src-main/core/mcp/import-config';
import { mcpServerSchema } from '../../../../src-main/core/settings/schema';
import { appErrorOf } from '../../../helpers/app-error';

const GH_TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

const config = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers });

describe('importing an mcpServers config', () => {
  it('converts stdio and remote servers, moving token-like env values and auth headers into named secrets', () => {
    const plan = planImport(
      config({
        github: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: GH_TOKEN, LOG_LEVEL: 'debug', OPAQUE: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4' },
        },
        linear: { url: 'https://mcp.linear.app/mcp', headers: { Authorization: 'Bearer lin_api_123', Accept: 'x' } },
        old: { type: 'sse', url: 'http://127.0.0.1:9000/sse' },
      }),
      [],
    );
    expect(plan.report.refused).toEqual([]);
    expect(plan.servers).toEqual([
      mcpServerSchema.parse({
        name: 'github',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { LOG_LEVEL: 'debug' },
        secretEnv: {
          GITHUB_PERSONAL_ACCESS_TOKEN: 'mcp.github.GITHUB_PERSONAL_ACCESS_TOKEN',
          OPAQUE: 'mcp.github.OPAQUE',
        },
      }),
      mcpServerSchema.parse({
        name: 'linear',
        transport: 'http',
        url: 'https://mcp.linear.app/mcp',
        headers: { Accept: 'x' },
        secretHeaders: { Authorization: 'mcp.linear.Authorization' },
      }),
      mcpServerSchema.parse({ name: 'old', transport: 'sse', url: 'http://127.0.0.1:9000/sse' }),
    ]);
    expect(plan.secrets.map((s) => s.name)).toEqual([
      'mcp.github.GITHUB_PERSONAL_ACCESS_TOKEN',
      'mcp.github.OPAQUE',
      'mcp.linear.Authorization',
    ]);
    expect(plan.report.added[0]!.secrets).toEqual([
      { name: 'mcp.github.GITHUB_PERSONAL_ACCESS_TOKEN', path: 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN' },
      { name: 'mcp.github.OPAQUE', path: 'mcpServers.github.env.OPAQUE' },
    ]);
    expect(plan.report.added[1]!.secrets).toEqual([
      { name: 'mcp.linear.Authorization', path: 'mcpServers.linear.headers.Authorization' },
    ]);
    // The report carries names and paths only.
    expect(JSON.stringify(plan.report)).not.toContain(GH_TOKEN);
    expect(JSON.stringify(plan.report)).not.toContain('lin_api_123');
  });

  it('renames a server whose name clashes or is not a Ridgeline name, and never overwrites one', () => {
    const existing = [mcpServerSchema.parse({ name: 'github', command: 'github-mcp-server', args: ['stdio'] })];
    const plan = planImport(
      config({ github: { command: 'npx', args: ['gh'] }, 'My Files': { command: 'files-mcp' } }),
      existing,
    );
    expect(plan.servers.map((s) => s.name)).toEqual(['github-2', 'my-files']);
    expect(plan.report.renamed).toEqual([
      {
        from: 'github',
        to: 'github-2',
        reason: 'a different server named "github" is already configured; it is kept as it is',
      },
      { from: 'My Files', to: 'my-files', reason: expect.stringContaining('lower case letters') },
    ]);
  });

  it('refuses a server already configured with the same command instead of adding it twice', () => {
    const existing = [mcpServerSchema.parse({ name: 'github', command: 'npx', args: ['gh'] })];
    const plan = planImport(config({ github: { command: 'npx', args: ['gh'] } }), existing);
    expect(plan.servers).toEqual([]);
    expect(plan.report.refused).toEqual([
      { name: 'github', path: 'mcpServers.github', message: 'is already configured as "github" with the same command' },
    ]);
  });

  it('refuses each invalid entry with the path of what is wrong, and keeps the valid ones', () => {
    const plan = planImport(
      config({
        ok: { command: 'ok-mcp' },
        nothing: { args: ['x'] },
        badenv: { command: 'x', env: { PORT: { value: 1 } } },
        badargs: { command: 'x', args: ['a', null] },
        badurl: { url: 'ftp://example.com' },
        badtype: { type: 'websocket', url: 'http://127.0.0.1:1/' },
        notobject: 'npx server',
      }),
      [],
    );
    expect(plan.servers.map((s) => s.name)).toEqual(['ok']);
    expect(plan.report.refused.map((r) => [r.path, r.message])).toEqual([
      ['mcpServers.nothing.command', 'is required: a local server needs a command (or give a url)'],
      ['mcpServers.badenv.env.PORT', 'must be a string'],
      ['mcpServers.badargs.args[1]', 'must be a string'],
      ['mcpServers.badurl.url', 'is required: a remote server needs an http:// or https:// URL'],
      ['mcpServers.badtype.type', 'must be stdio, http, streamable-http or sse, not "websocket"'],
      ['mcpServers.notobject', 'must be an object with a command or a url'],
    ]);
  });

  it('refuses text that is not such a config, without quoting it', async () => {
    const notJson = await appErrorOf(Promise.resolve().then(() => planImport(`{"mcpServers": ${GH_TOKEN}`, [])));
    expect(notJson.message).toMatch(/^The MCP config is not JSON/);
    expect(notJson.message).not.toContain(GH_TOKEN);
    const noServers = await appErrorOf(Promise.resolve().then(() => planImport('{"servers2": {}}', [])));
    expect(noServers.details).toEqual({
      issues: [{ path: 'mcpServers', message: 'is missing: the config has no mcpServers object' }],
    });
  });
});
