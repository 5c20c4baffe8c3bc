// A real runtime for benchmarks: the system clock, a SQLite file in a temp directory, settings
// in memory and a notifier that only counts (nothing is shown during a benchmark).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src-main/core/lib/clock';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import type { SettingsValues } from '../../src-main/core/ports';
import type { SynchronousMode } from '../../src-main/core/db/open';
import { defaultSettings } from '../../src-main/core/settings/schema';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import { garbageCollector } from '../../src-main/os/collector';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { startHttpHost } from '../../src-main/server/http';

export interface BenchRuntime {
  runtime: Runtime;
  /** Loopback HTTP API of the runtime, when asked for with `http`. */
  http?: { baseUrl: string; token: string };
  dispose(): Promise<void>;
}

export interface BenchRuntimeOptions {
  /** SQLite `synchronous` (the app's default, NORMAL, unless given). */
  synchronous?: SynchronousMode;
  /** settings.maxConcurrentRuns (the app's default, 4, unless given). */
  maxConcurrentRuns?: number;
  /** Serves the API over loopback HTTP as the headless host does, to time calls from outside. */
  http?: boolean;
}

const BENCH_TOKEN = 'bench-token-0123456789abcdef';

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
    // As both hosts do (host-runtime.ts).
    collectYoungGeneration: () => garbageCollector()({ type: 'minor' }),
  });
  await runtime.start();
  const host = options.http
    ? await startHttpHost({
        api: runtime.api,
        token: BENCH_TOKEN,
        port: 0,
        staticRoot: staticRoot(dataDir),
        logger: createLogger({ sinks: [], redactor: new Redactor(), now: systemClock.now }),
      })
    : undefined;
  return {
    runtime,
    ...(host ? { http: { baseUrl: host.baseUrl, token: BENCH_TOKEN } } : {}),
    async dispose() {
      await host?.close();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function staticRoot(dataDir: string): string {
  const root = mkdtempSync(join(dataDir, 'static-'));
  writeFileSync(join(root, 'index.html'), '<div id="root"></div>');
  return root;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
