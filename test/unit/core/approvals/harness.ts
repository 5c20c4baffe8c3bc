// A runtime on a real SQLite file in a temp directory with a fake clock and the settings a test
// gives (makeTestRuntime takes none). The notifier records what would be shown: there is no desktop here.
import { afterEach } from 'vitest';
import type { PushMessage, Run, RunStatus } from '../../../../src-main/core/api/contract';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import type { Notification, SettingsValues } from '../../../../src-main/core/ports';
import { createRuntime, type Runtime } from '../../../../src-main/core/runtime';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { memorySettings } from '../../../helpers/test-runtime';

export interface Harness {
  runtime: Runtime;
  clock: FakeClock;
  dataDir: string;
  notifications: Notification[];
  pushed: PushMessage[];
}

const started: Runtime[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

/** `env` holds the environment secrets (RIDGELINE_SECRET_*) the runtime knows from the start. */
export async function startHarness(
  settings: Partial<SettingsValues> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<Harness> {
  const dataDir = makeTempDir();
  const clock = new FakeClock();
  const notifications: Notification[] = [];
  const pushed: PushMessage[] = [];
  const redactor = new Redactor();
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async (n) => void notifications.push(n) },
    secrets: createEnvSecretStore(env),
    settings: memorySettings(settings),
    logger: createLogger({ sinks: [{ write: () => undefined }], redactor, now: () => clock.now() }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  runtime.api.subscribe((m) => pushed.push(m));
  await runtime.start();
  started.push(runtime);
  return { runtime, clock, dataDir, notifications, pushed };
}

/** Lets the fake clock fire what is due (the worker's wakes) until the run is in one of `statuses`. */
export async function runReaches(h: Harness, runId: string, statuses: readonly RunStatus[]): Promise<Run> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { run } = await h.runtime.api.call('runs.get', { id: runId });
    if (statuses.includes(run.status)) {
      await h.runtime.queueIdle();
      return run;
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}, not ${statuses.join(' or ')}`);
    h.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const node = process.execPath;
