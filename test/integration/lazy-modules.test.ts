// What an idle headless host holds in memory: modules most hosts never use (the MCP SDK's client,
// node-notifier, ajv) load at their first use, not at start, and with no D-Bus session bus the
// keychain is not asked at all, so keytar and libsecret's libraries are never mapped. Their first
// uses are covered where they are tested (MCP tools, desktop notifications, the real keychain).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

const PRELOAD = resolve(__dirname, '../helpers/loaded-modules.mjs');

async function loadedModules(pid: number, file: string): Promise<string[]> {
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((done) => setTimeout(done, 50));
  return readFileSync(file, 'utf8').split('\n');
}

describe('an idle headless host', () => {
  it('has not loaded the MCP client, node-notifier, ajv or keytar, nor mapped libsecret', async () => {
    const dir = makeTempDir();
    const list = join(dir, 'modules.txt');
    const host = await startHeadlessHost({
      env: {
        NODE_OPTIONS: `--import ${PRELOAD}`,
        LOADED_MODULES_FILE: list,
        DBUS_SESSION_BUS_ADDRESS: '',
        DISPLAY: '',
        XDG_RUNTIME_DIR: '',
      },
    });
    try {
      // Answered once the runtime has started, masked the secrets it knows of and recovered runs.
      const answer = await fetch(`${host.baseUrl}/api/secrets.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(200);
      const modules = await loadedModules(host.pid, list);
      expect(modules.some((file) => file.includes('better-sqlite3'))).toBe(true);
      const packages = ['@modelcontextprotocol/sdk', 'node-notifier', 'ajv', 'keytar'];
      expect(packages.filter((name) => modules.some((file) => file.includes(`/node_modules/${name}/`)))).toEqual([]);
      const maps = readFileSync(`/proc/${host.pid}/maps`, 'utf8');
      expect(maps).toContain('better_sqlite3.node');
      expect(maps).not.toMatch(/keytar\.node|libsecret/);
    } finally {
      await host.stop();
    }
  });
});
