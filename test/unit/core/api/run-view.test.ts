import { afterEach, describe, expect, it } from 'vitest';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a run's page data (runs.get)", () => {
  it("gives each step's recorded input and marks a step whose condition was false as skipped", async () => {
    t = await startedTestRuntime();
    const argv = [process.execPath, '-e', ''];
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Two steps',
      pipeline: {
        steps: [
          { id: 'echo', uses: 'shell.exec', with: { argv } },
          { id: 'never', uses: 'shell.exec', with: { argv }, if: '`false`' },
        ],
      },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(() =>
      t.pushed.some((m) => m.event === 'run:updated' && m.data.run.id === run.id && m.data.run.status === 'succeeded'),
    );
    const view = await t.runtime.api.call('runs.get', { id: run.id });
    expect(view.steps.map((s) => [s.stepId, s.skipped])).toEqual([
      ['echo', false],
      ['never', true],
    ]);
    expect(view.steps[0]!.input).toMatchObject({ argv });
    expect(view.steps[1]!.input).toBeNull();
    expect(view.usageByStep).toEqual({});
  });
});
