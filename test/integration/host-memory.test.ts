// What an idle headless host holds in memory. Modules most hosts never use (the MCP SDK's client,
// node-notifier, ajv) load at their first use, not at start, and with no D-Bus session bus the
// keychain is not asked at all, so keytar and libsecret's libraries are never mapped; their first
// uses are covered where they are tested (MCP tools, desktop notifications, the real keychain).
// And garbage promoted to the old generation is collected near the live heap's size, instead of
// piling up to the first limit V8 derives from the machine's memory.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

const PROBE = resolve(__dirname, '../helpers/host-probe.mjs');

interface ProbeAnswer {
  modules: string[];
  majorGcs: number;
  done: boolean;
  peakHeapUsed: number;
}

interface Probed {
  host: HeadlessHost;
  read(): Promise<ProbeAnswer>;
}

/** The built host with the probe preloaded, and no session bus in its environment. */
async function probedHost(): Promise<Probed> {
  const file = join(makeTempDir(), 'probe.json');
  const host = await startHeadlessHost({
    env: {
      NODE_OPTIONS: `--import ${PROBE}`,
      HOST_PROBE_FILE: file,
      DBUS_SESSION_BUS_ADDRESS: '',
      DISPLAY: '',
      XDG_RUNTIME_DIR: '',
    },
  });
  // Answered once the runtime has started, masked the secrets it knows of and recovered runs.
  const answer = await fetch(`${host.baseUrl}/api/secrets.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(answer.status).toBe(200);
  return {
    host,
    async read() {
      // The answer to this signal, not the last one's.
      rmSync(file, { force: true });
      process.kill(host.pid, 'SIGUSR2');
      for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((done) => setTimeout(done, 50));
      return JSON.parse(readFileSync(file, 'utf8')) as ProbeAnswer;
    },
  };
}

describe('an idle headless host', () => {
  it('has not loaded the MCP client, node-notifier, ajv or keytar, nor mapped libsecret', async () => {
    const { host, read } = await probedHost();
    try {
      const { modules } = await read();
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

  it('collects promoted garbage near the live heap instead of letting it pile up', async () => {
    const { host, read } = await probedHost();
    try {
      // 100 MB of objects that live long enough to be promoted, as runs' objects are in a burst.
      process.kill(host.pid, 'SIGWINCH');
      let probed = await read();
      for (let i = 0; i < 150 && !probed.done; i++) {
        await new Promise((done) => setTimeout(done, 100));
        probed = await read();
      }
      expect(probed.done).toBe(true);
      // About 40 MB at most here; V8's own first limit let it reach 85-95 MB before a collection.
      expect(probed.peakHeapUsed).toBeLessThan(60 * 1024 * 1024);
    } finally {
      await host.stop();
    }
  });
});
