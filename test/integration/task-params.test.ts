import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import type { RunStatus } from '../../src-main/core/api/contract';
import { appErrorOf } from '../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../helpers/test-runtime';

// Params through the whole runtime: real SQLite in a temp directory, real child processes for the
// steps, the scheduler on a fake clock. Each step appends the rendered `${params.repo}` to a file.
let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

async function until(done: () => Promise<boolean>, stepMs = 0): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const statusOf = async (runId: string): Promise<RunStatus> =>
  (await t.runtime.api.call('runs.get', { id: runId })).run.status;

/** A step that appends the repo param to `file`, and fails once first when `failOnce` is set. */
function writeRepo(file: string, failOnce = false) {
  const script = failOnce
    ? `const fs = require('fs'); const [file, repo] = process.argv.slice(1);
       fs.appendFileSync(file, repo + '\\n');
       if (!fs.existsSync(file + '.failed')) { fs.writeFileSync(file + '.failed', ''); process.exit(3); }`
    : `require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')`;
  return { id: 'write', uses: 'shell.exec', with: { argv: [process.execPath, '-e', script, file, '${params.repo}'] } };
}

const repoParams = {
  repo: { type: 'string' as const, required: true },
  depth: { type: 'number' as const, default: 1 },
};

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);

describe('params given to a task and its runs', () => {
  it('renders the params a run now is given over the values stored on the task, and shows them in runs.get', async () => {
    t = await startedTestRuntime();
    const file = join(t.dataDir, 'repos');
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Summarise issues',
      params: { repo: 'ridgeline' },
      pipeline: { params: repoParams, steps: [writeRepo(file)] },
    });
    expect(task.params).toEqual({ repo: 'ridgeline' });
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).params).toEqual({ repo: 'ridgeline' });

    const given = await t.runtime.api.call('tasks.runNow', { id: task.id, params: { repo: 'croner' } });
    await until(async () => (await statusOf(given.id)) === 'succeeded');
    const stored = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(async () => (await statusOf(stored.id)) === 'succeeded');

    expect(lines(file)).toEqual(['croner', 'ridgeline']);
    expect((await t.runtime.api.call('runs.get', { id: given.id })).params).toEqual({ repo: 'croner' });
    expect((await t.runtime.api.call('runs.get', { id: stored.id })).params).toEqual({ repo: 'ridgeline' });
  });

  it('refuses a task whose required param has no default and no stored value, at create and update', async () => {
    t = await startedTestRuntime();
    const missing = await appErrorOf(
      t.runtime.api.call('tasks.create', {
        title: 'Summarise issues',
        pipeline: { params: repoParams, steps: [writeRepo('/tmp/unused')] },
      }),
    );
    expect(missing.code).toBe('validation_failed');
    expect(missing.details.issues).toEqual([
      { path: 'params.repo', message: 'required, no default and no stored value' },
    ]);
    expect(missing.message).toContain('params.repo: required, no default and no stored value');
    expect((await t.runtime.api.call('tasks.list', {})).total).toBe(0);

    const task = await t.runtime.api.call('tasks.create', { title: 'Summarise issues' });
    const update = await appErrorOf(
      t.runtime.api.call('tasks.update', {
        id: task.id,
        pipeline: { params: repoParams, steps: [writeRepo('/tmp/unused')] },
      }),
    );
    expect(update.details.issues).toEqual([
      { path: 'params.repo', message: 'required, no default and no stored value' },
    ]);
    const updated = await t.runtime.api.call('tasks.update', {
      id: task.id,
      params: { repo: 'ridgeline' },
      pipeline: { params: repoParams, steps: [writeRepo('/tmp/unused')] },
    });
    expect(updated.params).toEqual({ repo: 'ridgeline' });
  });

  it('refuses a run now without a required param the task does not store', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Summarise issues' });
    // A task written before tasks stored params: its pipeline requires one it has no value for.
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    db.prepare('UPDATE tasks SET pipeline = ? WHERE id = ?').run(
      JSON.stringify({ params: repoParams, steps: [writeRepo('/tmp/unused')] }),
      task.id,
    );
    db.close();
    const refused = await appErrorOf(t.runtime.api.call('tasks.runNow', { id: task.id }));
    expect(refused.details.issues).toEqual([
      { path: 'params.repo', message: 'required, no default and no stored value' },
    ]);
    expect((await t.runtime.api.call('runs.list', { taskId: task.id })).total).toBe(0);
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id, params: { repo: 'ridgeline' } });
    expect(run.status).toBe('queued');
  });

  it('refuses a wrong type or an unknown name with its path, in run now and in stored params', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Summarise issues',
      params: { repo: 'ridgeline' },
      pipeline: { params: repoParams, steps: [writeRepo('/tmp/unused')] },
    });
    const wrong = await appErrorOf(t.runtime.api.call('tasks.runNow', { id: task.id, params: { repo: 42, depht: 2 } }));
    expect(wrong.code).toBe('validation_failed');
    expect(wrong.details.issues).toEqual([
      { path: 'params.repo', message: 'must be a string, not a number' },
      { path: 'params.depht', message: 'is not a param of this pipeline' },
    ]);
    const stored = await appErrorOf(t.runtime.api.call('tasks.update', { id: task.id, params: { repo: ['a'] } }));
    expect(stored.details.issues).toEqual([{ path: 'params.repo', message: 'must be a string, not a array' }]);
    expect((await t.runtime.api.call('runs.list', { taskId: task.id })).total).toBe(0);
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).params).toEqual({ repo: 'ridgeline' });
  });

  it('refuses a secret as a param value instead of storing it', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Call the API',
      pipeline: { params: { api_token: { type: 'string' } }, steps: [] },
    });
    const refused = await appErrorOf(
      t.runtime.api.call('tasks.runNow', { id: task.id, params: { api_token: 'ghp_abcdef123456' } }),
    );
    expect(refused.details.issues).toEqual([
      {
        path: 'params.api_token',
        message: 'holds a secret; params are stored with the task and its runs, so keep it in Secrets instead',
      },
    ]);
    expect(JSON.stringify(refused)).not.toContain('ghp_abcdef123456');
  });

  it('gives a scheduled run the params stored on its task', async () => {
    t = await startedTestRuntime();
    const file = join(t.dataDir, 'repos');
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Every minute',
      params: { repo: 'ridgeline' },
      schedule: { kind: 'cron', expr: '* * * * *' },
      pipeline: { params: repoParams, steps: [writeRepo(file)] },
    });
    await until(async () => {
      const runs = (await t.runtime.api.call('runs.list', { taskId: task.id })).items;
      return runs.some((r) => r.status === 'succeeded');
    }, 1000);
    const run = (await t.runtime.api.call('runs.list', { taskId: task.id })).items.find(
      (r) => r.status === 'succeeded',
    )!;
    expect(run.trigger).toBe('schedule');
    expect(lines(file)[0]).toBe('ridgeline');
    expect((await t.runtime.api.call('runs.get', { id: run.id })).params).toEqual({ repo: 'ridgeline' });
  });

  it("retries a failed run with that run's params, not the task's", async () => {
    t = await startedTestRuntime();
    const file = join(t.dataDir, 'repos');
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Flaky',
      params: { repo: 'ridgeline' },
      retryPolicy: { maxAttempts: 2, baseDelayMs: 0, jitter: 0 },
      pipeline: { params: repoParams, steps: [writeRepo(file, true)] },
    });
    const first = await t.runtime.api.call('tasks.runNow', { id: task.id, params: { repo: 'croner' } });
    await t.runtime.api.call('tasks.update', { id: task.id, params: { repo: 'changed meanwhile' } });
    await until(async () => {
      const runs = (await t.runtime.api.call('runs.list', { taskId: task.id })).items;
      return runs.some((r) => r.attempt === 2 && r.status === 'succeeded');
    }, 100);
    const details = await t.runtime.api.call('runs.get', { id: first.id });
    expect(details.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect((await t.runtime.api.call('runs.get', { id: details.attempts[1]!.id })).params).toEqual({ repo: 'croner' });
    expect(lines(file)).toEqual(['croner', 'croner']);
  });
});
