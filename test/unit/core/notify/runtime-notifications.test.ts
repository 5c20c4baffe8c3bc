import { afterEach, describe, expect, it } from 'vitest';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

// The whole runtime on a real database with real child processes: a run that fails for good is
// told through the host's notifier (a recorder here; no desktop), with its run and task ids.
const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function until(t: TestRuntime, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('notifications from the runtime', () => {
  it('tells of a run that failed for good, naming the task and the time in Mountain Time', async () => {
    const t = await startedTestRuntime();
    running.push(t);
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Nightly backup',
      retryPolicy: { maxAttempts: 1 },
      pipeline: {
        steps: [{ id: 'copy', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(3)'] } }],
      },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, () => t.notifications.length > 0);
    // The fake clock starts at 2026-11-23T15:30:00Z: 8:30 AM MST.
    expect(t.notifications).toEqual([
      expect.objectContaining({ title: 'Nightly backup failed · 8:30 AM MST', runId: run.id, taskId: task.id }),
    ]);
    expect(t.notifications[0]).not.toHaveProperty('kind');
  });

  it('keeps a successful run quiet by default', async () => {
    const t = await startedTestRuntime();
    running.push(t);
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Echo',
      pipeline: { steps: [{ id: 'hi', uses: 'shell.exec', with: { argv: [process.execPath, '-e', ''] } }] },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, () =>
      t.pushed.some((m) => m.event === 'run:updated' && m.data.run.id === run.id && m.data.run.status === 'succeeded'),
    );
    expect(t.notifications).toEqual([]);
  });
});
