// What desktop/power.ts asks of the runtime when the OS reports a resume or an unlock
// (powerMonitor itself needs Electron, which cannot run here): runtime.systemResumed().
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-main/core/api/contract';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

let t: TestRuntime | undefined;
afterEach(async () => {
  await t?.runtime.stop();
  t = undefined;
});

async function pumpUntil(test: TestRuntime, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    test.clock.advance(0);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}

describe('resume from sleep', () => {
  it("starts a retry that came due while the machine slept at once, not at the queue's next timer", async () => {
    t = await startedTestRuntime();
    const { runtime, clock } = t;
    const task = await runtime.api.call('tasks.create', {
      title: 'Flaky fetch',
      pipeline: {
        steps: [{ id: 'fail', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(1)'] } }],
      },
      retryPolicy: { maxAttempts: 3, baseDelayMs: 60_000, jitter: 0 },
    });
    await runtime.api.call('tasks.runNow', { id: task.id });
    const attempts = async (): Promise<RunSummary[]> =>
      (await runtime.api.call('runs.list', { taskId: task.id })).items.sort((a, b) => a.attempt - b.attempt);
    await pumpUntil(t, async () => (await attempts()).length === 2);
    expect((await attempts())[1]).toMatchObject({ attempt: 2, status: 'queued' });

    // The machine sleeps ten minutes: the wall clock moves, timers do not count the time.
    clock.sleep(10 * 60_000);
    clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await attempts())[1]?.status).toBe('queued');

    runtime.systemResumed();
    await pumpUntil(t, async () => (await attempts())[1]?.status !== 'queued');
    expect((await attempts())[1]?.startedAt).not.toBeNull();
  });
});
