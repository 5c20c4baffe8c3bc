// A host's start reads every page of the database once for damage (PRAGMA quick_check), not twice:
// at 100,000 runs each pass took about 0.6 s of the start, and it grows with the file.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostRuntime } from '../../src-main/host-runtime';
import type { Runtime } from '../../src-main/core/runtime';
import { makeTempDir } from '../helpers/temp-dir';

let runtime: Runtime | undefined;
const pragma = Database.prototype.pragma;
afterEach(async () => {
  Database.prototype.pragma = pragma;
  await runtime?.stop();
  runtime = undefined;
});

async function startHost(dataDir: string): Promise<Runtime> {
  // No desktop notifications from a test; everything else is the host's own adapters.
  const host = createHostRuntime({
    hostKind: 'headless',
    dataDir,
    version: 'test',
    createNotifier: () => ({ notify: async () => undefined }),
  });
  await host.runtime.start();
  return host.runtime;
}

describe('host start', () => {
  it('checks an existing database for damage once', async () => {
    const dataDir = makeTempDir();
    runtime = await startHost(dataDir);
    await runtime.stop();

    const checks: string[] = [];
    Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
      if (source.startsWith('quick_check')) checks.push(source);
      return pragma.call(this, source, options);
    } as typeof pragma;
    runtime = await startHost(dataDir);
    expect(checks).toHaveLength(1);
  });
});
