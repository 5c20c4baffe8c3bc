// Remote MCP servers over Streamable HTTP: a real SDK server on loopback that checks a bearer
// token, which the client takes from the secret store by the name the settings give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createMcpManager } from '../../../../src-main/core/mcp/manager';
import { runTool } from '../../../../src-main/core/tools/registry';
import { testContext } from '../tools/tool-context';
import { mcpServerSchema } from '../../../../src-main/core/settings/schema';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { memorySettings } from '../../../helpers/test-runtime';
import { startRemoteMcpServer, type RemoteMcpServer } from '../../../helpers/remote-mcp-server';

const TOKEN = 'remote-token-9f8e7d6c5b4a';

describe('remote MCP servers over Streamable HTTP', () => {
  let remote: RemoteMcpServer;
  beforeAll(async () => {
    remote = await startRemoteMcpServer(TOKEN);
  });
  afterAll(async () => remote?.close());

  function manager(secretValue: string | undefined) {
    const redactor = new Redactor();
    const logLines: string[] = [];
    const settings = memorySettings({
      mcpServers: [
        mcpServerSchema.parse({
          name: 'weather',
          transport: 'http',
          url: remote.url,
          headers: { 'X-Client': 'ridgeline-test' },
          secretHeaders: { Authorization: 'weather_auth' },
        }),
      ],
    });
    const env: Record<string, string> = secretValue ? { RIDGELINE_SECRET_WEATHER_AUTH: secretValue } : {};
    const mcp = createMcpManager({
      settings,
      secrets: createEnvSecretStore(env),
      redactor,
      logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor, now: () => 0, level: 'debug' }),
      clientVersion: '0.0.0-test',
    });
    return { mcp, logLines };
  }

  it('lists the tools with the header filled from the secret, and calls one', async () => {
    const { mcp, logLines } = manager(`Bearer ${TOKEN}`);
    try {
      const [status] = await mcp.servers();
      expect(status).toMatchObject({ name: 'weather', transport: 'http', url: remote.url, status: 'connected' });
      expect(status!.tools.map((t) => t.uses)).toEqual(['mcp.weather.forecast']);
      expect((await mcp.test('weather')).status).toBe('connected');
      const tool = mcp.findTool('mcp.weather.forecast')!;
      const output = await runTool(tool, { city: 'Denver' }, testContext().context);
      expect(output).toMatchObject({ city: 'Denver', sky: 'clear' });
      expect(logLines.join('\n')).not.toContain(TOKEN);
    } finally {
      await mcp.close();
    }
  });

  it('reports the refusal when the secret holds the wrong token, and names a missing secret', async () => {
    const before = remote.refused();
    const wrong = manager('Bearer not-the-token');
    const [refused] = await wrong.mcp.servers();
    await wrong.mcp.close();
    expect(refused).toMatchObject({ status: 'error' });
    expect(refused!.error).toMatch(/MCP server "weather" could not start \(url: http:\/\/127\.0\.0\.1:\d+\/mcp\)/);
    expect(remote.refused()).toBeGreaterThan(before);

    const missing = manager(undefined);
    const [unset] = await missing.mcp.servers();
    await missing.mcp.close();
    expect(unset!.error).toContain('the secret "weather_auth" (for the header Authorization) is not set');
  });
});

describe('remote MCP servers over the older HTTP+SSE transport', () => {
  it('connects with the header from the secret, lists the tools and calls one', async () => {
    const sse = await startRemoteMcpServer(TOKEN, 'sse');
    const redactor = new Redactor();
    const mcp = createMcpManager({
      settings: memorySettings({
        mcpServers: [
          mcpServerSchema.parse({
            name: 'legacy',
            transport: 'sse',
            url: sse.url,
            secretHeaders: { Authorization: 'legacy_auth' },
          }),
        ],
      }),
      secrets: createEnvSecretStore({ RIDGELINE_SECRET_LEGACY_AUTH: `Bearer ${TOKEN}` }),
      redactor,
      logger: createLogger({ sinks: [], redactor, now: () => 0 }),
      clientVersion: '0.0.0-test',
    });
    try {
      const [status] = await mcp.servers();
      expect(status).toMatchObject({ name: 'legacy', transport: 'sse', status: 'connected' });
      const output = await runTool(mcp.findTool('mcp.legacy.forecast')!, { city: 'Boise' }, testContext().context);
      expect(output).toMatchObject({ city: 'Boise', sky: 'clear' });
      expect(sse.refused()).toBe(0);
    } finally {
      await mcp.close();
      await sse.close();
    }
  });
});
