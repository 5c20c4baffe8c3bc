// An MCP manager over the real stdio fixture server (test/fixtures/mcp-echo-server.mjs), with a
// redacting logger that records its lines; every manager a test opens is closed after that test.
import { resolve } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createMcpManager, type McpManager } from '../../../../src-main/core/mcp/manager';
import type { McpServerConfig } from '../../../../src-main/core/mcp/types';
import { mcpServerSchema } from '../../../../src-main/core/settings/schema';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { memorySettings } from '../../../helpers/test-runtime';
import { processIsGone } from '../tools/tool-context';

export const fixtureServer = resolve(__dirname, '../../../fixtures/mcp-echo-server.mjs');
/** Planted in the secret store; the fixture server gets it as FIXTURE_TOKEN. */
export const FIXTURE_TOKEN = 'mcp-fixture-token-4b1d7e';

export function echoServer(overrides: Partial<McpServerConfig> = {}): McpServerConfig {
  return mcpServerSchema.parse({
    name: 'echo',
    command: process.execPath,
    args: [fixtureServer],
    env: { FIXTURE_MODE: 'plain' },
    secretEnv: { FIXTURE_TOKEN: 'fixture_token' },
    ...overrides,
  });
}

export interface TestManager {
  manager: McpManager;
  settings: ReturnType<typeof memorySettings>;
  redactor: Redactor;
  logLines: string[];
}

const opened: McpManager[] = [];
afterEach(async () => {
  for (const manager of opened.splice(0)) await manager.close();
});

export function openManager(servers: McpServerConfig[] = [echoServer()]): TestManager {
  const settings = memorySettings({ mcpServers: servers });
  const redactor = new Redactor();
  const logLines: string[] = [];
  const manager = createMcpManager({
    settings,
    secrets: createEnvSecretStore({ RIDGELINE_SECRET_FIXTURE_TOKEN: FIXTURE_TOKEN }),
    redactor,
    logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor, now: () => 0, level: 'debug' }),
    clientVersion: '0.0.0-test',
  });
  opened.push(manager);
  return { manager, settings, redactor, logLines };
}

export { failureOf } from '../tools/tool-context';

export async function expectGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!processIsGone(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(processIsGone(pid)).toBe(true);
}

export async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not reached in time: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
