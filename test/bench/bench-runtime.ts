// A real runtime for benchmarks: the system clock, a SQLite file in a temp directory, settings
// in memory and a notifier that only counts (nothing is shown during a benchmark).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src-main/core/lib/clock';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import type { SettingsValues } from '../../src-main/core/ports';
import type { SynchronousMode } from '../../src-main/core/db/open';
import { defaultSettings } from '../../src-main/core/settings/schema';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';

export interface BenchRuntime {
  runtime: Runtime;
  dispose(): Promise<void>;
}

export interface BenchRuntimeOptions {
  /** SQLite `synchronous` (the app's default, NORMAL, unless given). */
  synchronous?: SynchronousMode;
  /** settings.maxConcurrentRuns (the app's default, 4, unless given). */
  maxConcurrentRuns?: number;
}

export async function startBenchRuntime(options: BenchRuntimeOptions = {}): Promise<BenchRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ridgeline-bench-'));
  let settings: SettingsValues = { ...defaultSettings(), maxConcurrentRuns: options.maxConcurrentRuns ?? 4 };
  const runtime = createRuntime({
    dataDir,
    clock: systemClock,
    notifier: { notify: async () => undefined },
    secrets: createEnvSecretStore({}),
    settings: { get: () => settings, update: (patch) => (settings = { ...settings, ...patch }) },
    logger: createLogger({ sinks: [], redactor: new Redactor(), now: systemClock.now }),
    hostKind: 'test',
    version: 'bench',
    ...(options.synchronous ? { sqliteSynchronous: options.synchronous } : {}),
  });
  await runtime.start();
  return {
    runtime,
    async dispose() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
