import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import type { RunStatus } from '../../src-main/core/api/contract';
import { startedTestRuntime, type TestRuntime } from '../helpers/test-runtime';

// Progress and shared context through the whole runtime: real SQLite in a temp directory, the real
// worker and executor, real child processes for the shell steps.
let t: TestRuntime | undefined;
afterEach(async () => t?.runtime.stop());

const TOKEN = 'sk-live-9f8e7d6c5b4a3210';

async function finished(rt: TestRuntime, runId: string): Promise<RunStatus> {
  const until = Date.now() + 15_000;
  for (;;) {
    const { status } = (await rt.runtime.api.call('runs.get', { id: runId })).run;
    if (['succeeded', 'failed', 'cancelled', 'timed_out'].includes(status)) return status;
    if (Date.now() > until) throw new Error(`run ${runId} is still ${status} after 15 s`);
    rt.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function runOnce(rt: TestRuntime, taskId: string, params?: Record<string, unknown>) {
  const run = await rt.runtime.api.call('tasks.runNow', { id: taskId, ...(params ? { params } : {}) });
  return { id: run.id, status: await finished(rt, run.id) };
}

const briefing = {
  params: { token: { type: 'string' as const, default: 'none' } },
  steps: [
    {
      id: 'recall',
      uses: 'shell.exec',
      // The first run has no context yet: the step is skipped instead of failing on the reference.
      if: 'context.briefing.last',
      with: {
        argv: [process.execPath, '-e', 'process.stdout.write(process.argv[1])', 'since ${context.briefing.last}'],
      },
    },
    { id: 'start', uses: 'task.progress', with: { percent: 50, message: 'halfway, token ${params.token}' } },
    { id: 'remember', uses: 'context.set', with: { path: 'briefing.last', value: '${run.id}' } },
    { id: 'keep', uses: 'context.set', with: { merge: { note: 'token ${params.token}', api_key: 'abc-123-xyz-789' } } },
    { id: 'done', uses: 'task.progress', with: { percent: 100, message: 'done' } },
  ],
};

describe('progress and shared context between runs', () => {
  it("carries what Monday's run wrote into Tuesday's, keeps every version and the progress log", async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Morning briefing', pipeline: briefing });

    const monday = await runOnce(t, task.id);
    expect(monday.status).toBe('succeeded');
    const afterMonday = await t.runtime.api.call('tasks.context', { taskId: task.id });
    expect(afterMonday.current?.document).toEqual({
      briefing: { last: monday.id },
      note: 'token none',
      api_key: '[redacted]',
    });
    expect(afterMonday.versions.map((v) => [v.version, v.runId, v.stepId])).toEqual([
      [2, monday.id, 'keep'],
      [1, monday.id, 'remember'],
    ]);

    const tuesday = await runOnce(t, task.id);
    expect(tuesday.status).toBe('succeeded');
    const logs = await t.runtime.api.call('runs.logs', { id: tuesday.id });
    expect(
      logs
        .filter((l) => l.stepId === 'recall' && l.stream === 'stdout')
        .map((l) => l.message)
        .join(''),
    ).toBe(`since ${monday.id}`);
    const context = await t.runtime.api.call('tasks.context', { taskId: task.id });
    expect(context.current).toMatchObject({
      version: 4,
      runId: tuesday.id,
      document: { briefing: { last: tuesday.id } },
    });

    const progress = await t.runtime.api.call('tasks.progress', { taskId: task.id });
    expect(progress.items.map((p) => [p.runId, p.stepId, p.percent, p.message])).toEqual([
      [monday.id, 'start', 50, 'halfway, token none'],
      [monday.id, 'done', 100, 'done'],
      [tuesday.id, 'start', 50, 'halfway, token none'],
      [tuesday.id, 'done', 100, 'done'],
    ]);
    const tuesdayOnly = await t.runtime.api.call('tasks.progress', { taskId: task.id, runId: tuesday.id, limit: 1 });
    expect(tuesdayOnly.items.map((p) => p.message)).toEqual(['done']);

    // A reset is a new empty version: the next run starts without memory, and the history stays.
    const reset = await t.runtime.api.call('tasks.resetContext', { taskId: task.id });
    expect(reset).toMatchObject({ version: 5, runId: null, document: {} });
    const wednesday = await runOnce(t, task.id);
    const wednesdayLogs = await t.runtime.api.call('runs.logs', { id: wednesday.id });
    expect(wednesdayLogs.some((l) => l.message.includes('Step recall skipped'))).toBe(true);
    expect((await t.runtime.api.call('tasks.context', { taskId: task.id, versions: 100 })).versions).toHaveLength(7);
  });

  it('masks a secret written to the context or the progress log, in the database file itself', async () => {
    // The token is a secret the store knows (the environment's RIDGELINE_SECRET_DEPLOY_TOKEN), so it
    // is masked wherever it would be written; a step reads it from a file, as a careless one might.
    t = await startedTestRuntime({ secretEnv: { RIDGELINE_SECRET_DEPLOY_TOKEN: TOKEN } });
    const notes = join(t.dataDir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'token.txt'), TOKEN);
    await t.runtime.api.call('settings.update', { fileRoots: [notes] });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Deploy notes',
      pipeline: {
        steps: [
          { id: 'secret', uses: 'file.read', with: { path: join(notes, 'token.txt') } },
          {
            id: 'keep',
            uses: 'context.set',
            with: { merge: { note: 'token ${steps.secret.content}', api_key: 'abc-123-xyz-789' } },
          },
          { id: 'said', uses: 'task.progress', with: { message: 'read ${steps.secret.content}' } },
        ],
      },
    });
    const run = await runOnce(t, task.id);
    expect(run.status).toBe('succeeded');
    const context = await t.runtime.api.call('tasks.context', { taskId: task.id });
    expect(context.current?.document).toEqual({ note: 'token [redacted]', api_key: '[redacted]' });
    const progress = await t.runtime.api.call('tasks.progress', { taskId: task.id });
    expect(progress.items.map((p) => p.message)).toEqual(['read [redacted]']);
    const dataDir = t.dataDir;
    await t.runtime.stop();
    t = undefined;

    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file, { readonly: true });
    const stored = JSON.stringify([
      db.prepare('SELECT document FROM task_context_versions').all(),
      db.prepare('SELECT message FROM task_progress').all(),
    ]);
    db.close();
    expect(stored).toContain('token [redacted]');
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain('abc-123-xyz-789');
    for (const part of [file, `${file}-wal`]) {
      if (existsSync(part)) expect(readFileSync(part).includes(TOKEN), part).toBe(false);
    }
  });

  it('fails a step that reads a context path no run wrote, naming the reference', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Reader',
      pipeline: { steps: [{ id: 'read', uses: 'task.progress', with: { message: 'was ${context.lastSeen}' } }] },
    });
    const run = await runOnce(t, task.id);
    expect(run.status).toBe('failed');
    const details = await t.runtime.api.call('runs.get', { id: run.id });
    expect(details.run.error?.error).toBe(
      'steps.read.with.message: ${context.lastSeen} has no value: the task\'s context has no "lastSeen" (context.set steps write it)',
    );
  });
});
