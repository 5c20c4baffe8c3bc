// A runtime on a real SQLite file in a temp directory, with a fake clock. The notifier records
// instead of showing (no desktop here); everything else is the real code.
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import type { Notification, NotifierStatus, Settings, SettingsValues } from '../../src-main/core/ports';
import { defaultSettings } from '../../src-main/core/settings/schema';
import { createRuntime, type Runtime } from '../../src-main/core/runtime';
import type { PushMessage } from '../../src-main/core/api/contract';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { FakeClock } from './fake-clock';
import { makeTempDir } from './temp-dir';

export interface TestRuntime {
  runtime: Runtime;
  clock: FakeClock;
  dataDir: string;
  logLines: string[];
  notifications: Notification[];
  pushed: PushMessage[];
}

export function memorySettings(values: Partial<SettingsValues> = {}): Settings {
  let current: SettingsValues = { ...defaultSettings(), ...values };
  return {
    get: () => current,
    update: (patch) => (current = { ...current, ...patch }),
  };
}

export interface TestRuntimeOptions {
  dataDir?: string;
  clock?: FakeClock;
  /** The environment the secret store reads (ANTHROPIC_API_KEY, RIDGELINE_SECRET_*); empty by default. */
  secretEnv?: Record<string, string>;
  /** What the notifier says of the host's notification server; left out, it does not tell. */
  notifierStatus?: NotifierStatus;
  /** Handed to the runtime as its young-generation collector. */
  collectYoungGeneration?: () => void;
}

export function makeTestRuntime(options: TestRuntimeOptions = {}): TestRuntime {
  const dataDir = options.dataDir ?? makeTempDir();
  const clock = options.clock ?? new FakeClock();
  const logLines: string[] = [];
  const notifications: Notification[] = [];
  const pushed: PushMessage[] = [];
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: {
      notify: async (n) => void notifications.push(n),
      ...(options.notifierStatus ? { status: async () => options.notifierStatus! } : {}),
    },
    secrets: createEnvSecretStore(options.secretEnv ?? {}),
    settings: memorySettings(),
    logger: createLogger({
      sinks: [{ write: (l) => logLines.push(l) }],
      redactor: new Redactor(),
      now: () => clock.now(),
    }),
    hostKind: 'test',
    version: '0.0.0-test',
    ...(options.collectYoungGeneration ? { collectYoungGeneration: options.collectYoungGeneration } : {}),
  });
  runtime.api.subscribe((m) => pushed.push(m));
  return { runtime, clock, dataDir, logLines, notifications, pushed };
}

export async function startedTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const t = makeTestRuntime(options);
  await t.runtime.start();
  return t;
}
