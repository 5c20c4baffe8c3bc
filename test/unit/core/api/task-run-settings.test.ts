import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

describe('task run settings through the API', () => {
  it('defaults to one run at a time, skipping overlaps, with three attempts backing off from 1 s', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Defaults' });
    expect(task).toMatchObject({
      maxConcurrentRuns: 1,
      overlapPolicy: 'skip',
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1000 },
      dependsOn: [],
    });
  });

  it('stores a retry policy, overlap policy and concurrency given in the API', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Tuned',
      maxConcurrentRuns: 3,
      overlapPolicy: 'queue',
      retryPolicy: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000, jitter: 0 },
    });
    expect(task).toMatchObject({
      maxConcurrentRuns: 3,
      overlapPolicy: 'queue',
      retryPolicy: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000, jitter: 0 },
    });
    const error = await appErrorOf(
      t.runtime.api.invoke('tasks.update', { id: task.id, retryPolicy: { maxAttempts: 0 } }),
    );
    expect(error.details.issues).toEqual([
      { path: 'retryPolicy.maxAttempts', message: expect.stringContaining('>=1') },
    ]);
  });

  it('records dependencies, lists them, and refuses a cycle naming its tasks in order', async () => {
    t = await startedTestRuntime();
    const fetch = await t.runtime.api.call('tasks.create', { title: 'Fetch news' });
    const draft = await t.runtime.api.call('tasks.create', { title: 'Draft briefing', dependsOn: [fetch.id] });
    const send = await t.runtime.api.call('tasks.create', { title: 'Send briefing', dependsOn: [draft.id] });
    expect(draft.dependsOn).toEqual([fetch.id]);
    expect(
      (await t.runtime.api.call('tasks.list', { sort: 'title' })).items.map((x) => [x.title, x.dependsOn]),
    ).toEqual([
      ['Draft briefing', [fetch.id]],
      ['Fetch news', []],
      ['Send briefing', [draft.id]],
    ]);

    const cycle = await appErrorOf(t.runtime.api.call('tasks.update', { id: fetch.id, dependsOn: [send.id] }));
    expect(cycle.code).toBe('validation_failed');
    expect(cycle.details.issues).toEqual([
      {
        path: 'dependsOn',
        message: 'this would create a cycle: "Fetch news" → "Send briefing" → "Draft briefing" → "Fetch news"',
      },
    ]);
    expect((await t.runtime.api.call('tasks.get', { id: fetch.id })).dependsOn).toEqual([]);

    const unknown = await appErrorOf(
      t.runtime.api.call('tasks.update', { id: send.id, dependsOn: [draft.id, 'nope'] }),
    );
    expect(unknown.details.issues).toEqual([{ path: 'dependsOn[1]', message: 'task nope does not exist' }]);
    expect((await t.runtime.api.call('tasks.update', { id: send.id, dependsOn: [] })).dependsOn).toEqual([]);
  });
});

describe('a task notification policy through the API', () => {
  it('round-trips in camelCase, is stored as the snake_case policy the notifications read, and shows it', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Morning briefing',
      notificationPolicy: { onSuccess: true, onFailure: false },
      pipeline: { steps: [{ id: 'hello', uses: 'shell.exec', with: { argv: ['true'] } }] },
    });
    expect(task.notificationPolicy).toEqual({ onSuccess: true, onFailure: false });
    const updated = await t.runtime.api.call('tasks.update', { id: task.id, title: 'Briefing' });
    expect(updated.notificationPolicy).toEqual({ onSuccess: true, onFailure: false });

    // Settings show no successes by default; this task's policy asks for them.
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    for (let i = 0; i < 200 && !t.notifications.some((n) => n.runId === run.id); i++) {
      t.clock.advance(10);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(t.notifications.find((n) => n.runId === run.id)?.title).toMatch(
      /^Briefing ready · \d{1,2}:\d{2} [AP]M M[SD]T$/,
    );
  });

  it('refuses a key it does not know, naming it', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(
      t.runtime.api.call('tasks.create', { title: 'X', notificationPolicy: { onSucess: true } as never }),
    );
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toContain('notificationPolicy');
  });
});
