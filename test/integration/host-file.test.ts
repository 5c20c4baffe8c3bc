import { describe, expect, it } from 'vitest';
import { hostFilePath, readHostFile } from '../../src-main/os/host-file';
import { existsSync } from 'node:fs';
import { startHeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a real child process: host.json tells clients where it listens.
describe('host.json of the headless host', () => {
  it('names the listening host while it runs and is gone after it stops', async () => {
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    try {
      expect(readHostFile(host.dataDir)).toMatchObject({
        pid: host.pid,
        url: host.baseUrl,
        port: Number(new URL(host.baseUrl).port),
      });
    } finally {
      await host.stop();
    }
    expect(existsSync(hostFilePath(host.dataDir))).toBe(false);
  });

  it('reads as no host after the host was killed and could not remove it', async () => {
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    await host.kill();
    expect(existsSync(hostFilePath(host.dataDir))).toBe(true);
    expect(readHostFile(host.dataDir)).toBeUndefined();
  });
});
