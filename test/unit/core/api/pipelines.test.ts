import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import type { Run } from '../../../../src-main/core/api/contract';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const node = process.execPath;
const print = 'process.stdout.write(process.argv[1])';
const printArgs = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

/** Lets the fake clock fire what is due (the worker's wake) until the run reaches an end state. */
async function finished(rt: TestRuntime, runId: string): Promise<Run> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const run = (await rt.runtime.api.call('runs.get', { id: runId })).run;
    if (['succeeded', 'failed', 'cancelled', 'timed_out', 'halted'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}`);
    rt.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('pipelines API', () => {
  it('validates YAML text and returns the normalised JSON', async () => {
    t = await startedTestRuntime();
    const result = await t.runtime.api.call('pipelines.validate', {
      pipeline: 'steps:\n  - id: hi\n    uses: shell.exec\n    with: { argv: [echo, hi] }\n',
    });
    expect(result).toEqual({
      ok: true,
      pipeline: { steps: [{ id: 'hi', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } }] },
      issues: [],
    });
  });

  it('returns every issue with its path instead of failing the call', async () => {
    t = await startedTestRuntime();
    const result = await t.runtime.api.call('pipelines.validate', {
      pipeline: {
        steps: [
          { id: 'a', uses: 'shell.exec', with: { argv: ['echo', '${steps.b.stdout}'] } },
          { id: 'b', uses: 'shel.exec' },
          { id: 'c', uses: 'wait', if: 'steps.a.exit_code ==', with: { ms: 1 } },
        ],
      },
    });
    expect(result.ok).toBe(false);
    expect(result.pipeline).not.toBeNull();
    expect(result.issues).toEqual([
      {
        path: 'steps[0].with.argv[1]',
        message: '${steps.b.stdout} refers to step "b", which does not run before this step',
      },
      { path: 'steps[1].uses', message: 'there is no tool named "shel.exec"' },
      { path: 'steps[2].if', message: expect.stringMatching(/^is not a valid JMESPath expression/) },
    ]);
  });

  it('dry-runs: renders inputs with sample params, decides conditions, runs nothing', async () => {
    t = await startedTestRuntime();
    const marker = join(t.dataDir, 'ran');
    const result = await t.runtime.api.call('pipelines.dryRun', {
      pipeline: {
        params: { who: { type: 'string', default: 'world' }, loud: { type: 'boolean', default: false } },
        steps: [
          {
            id: 'touch',
            uses: 'shell.exec',
            with: { argv: [node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] },
          },
          {
            id: 'greet',
            uses: 'shell.exec',
            with: { argv: ['echo', 'hi ${params.who} at ${time(now)}', '${steps.touch.stdout}'] },
          },
          { id: 'shout', uses: 'shell.exec', if: 'params.loud', with: { argv: ['echo', '${params.who}'] } },
        ],
      },
      params: { who: 'Denver' },
      task: { title: 'Briefing' },
    });
    expect(result.ok).toBe(true);
    expect(result.steps).toEqual([
      expect.objectContaining({ id: 'touch', skipped: false, error: null }),
      {
        id: 'greet',
        uses: 'shell.exec',
        condition: null,
        skipped: false,
        input: { argv: ['echo', 'hi Denver at 8:30 AM MST', '<steps.touch.stdout>'] },
        error: null,
      },
      {
        id: 'shout',
        uses: 'shell.exec',
        condition: { expression: 'params.loud', passed: false },
        skipped: true,
        input: null,
        error: null,
      },
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('stores YAML given to tasks.create as JSON', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'From YAML',
      pipeline: 'steps:\n  - id: hi\n    uses: shell.exec\n    with:\n      argv: [echo, hi]\n',
    });
    expect(task.pipeline).toEqual({ steps: [{ id: 'hi', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } }] });
  });

  it('refuses a pipeline with a bad step on create and update, naming the path', async () => {
    t = await startedTestRuntime();
    const created = await appErrorOf(
      t.runtime.api.invoke('tasks.create', {
        title: 'Bad',
        pipeline: { steps: [{ id: 'a', uses: 'shell.exec', with: { argv: ['x'], cwdir: '/' } }] },
      }),
    );
    expect(created.code).toBe('validation_failed');
    expect(created.details.issues).toEqual([{ path: 'pipeline.steps[0].with.cwdir', message: 'unknown field' }]);
    const task = await t.runtime.api.call('tasks.create', { title: 'Good' });
    const updated = await appErrorOf(
      t.runtime.api.invoke('tasks.update', { id: task.id, pipeline: 'steps:\n  - id: a\n    uses: nope\n' }),
    );
    expect(updated.details.issues).toEqual([
      { path: 'pipeline.steps[0].uses', message: 'there is no tool named "nope"' },
    ]);
    const unreadable = await appErrorOf(t.runtime.api.invoke('tasks.update', { id: task.id, pipeline: '{"steps": [' }));
    expect(unreadable.details.issues).toEqual([
      { path: 'pipeline', message: expect.stringMatching(/^is not valid JSON/) },
    ]);
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).pipeline).toEqual({ steps: [] });
  });
});

describe('pipelines through the runtime', () => {
  it('passes a shell step output to the next step as one argv element and skips a step whose if is false', async () => {
    t = await startedTestRuntime();
    const marker = join(t.dataDir, 'should-not-exist');
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Hand-off',
      // Sent as YAML text, as the task form may.
      pipeline: stringifyYaml({
        params: {
          send: { type: 'boolean', default: false },
          text: { type: 'string', default: `it's a "quoted" $HOME; rm -rf nothing` },
        },
        steps: [
          { id: 'first', uses: 'shell.exec', with: { argv: [node, '-e', print, '${params.text}'] } },
          {
            id: 'second',
            uses: 'shell.exec',
            with: { argv: [node, '-e', printArgs, '${steps.first.stdout}', '${task.title}'] },
          },
          {
            id: 'never',
            uses: 'shell.exec',
            if: 'params.send',
            with: { argv: [node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`] },
          },
          {
            id: 'after',
            uses: 'shell.exec',
            if: 'steps.second.exit_code == `0` && steps.never == `null`',
            with: { argv: ['echo', 'was: ${steps.never}'] },
          },
        ],
      }),
    });
    const queued = await t.runtime.api.call('tasks.runNow', { id: task.id });
    const run = await finished(t, queued.id);
    expect([run.status, run.error]).toEqual(['succeeded', null]);
    const details = await t.runtime.api.call('runs.get', { id: run.id });
    expect(details.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['first', 'complete'],
      ['second', 'complete'],
      ['never', 'skipped'],
      ['after', 'complete'],
    ]);
    // The first step's output arrived as one argv element, quotes and $HOME untouched.
    expect(JSON.parse((details.steps[1]?.output as { stdout: string }).stdout)).toEqual([
      `it's a "quoted" $HOME; rm -rf nothing`,
      'Hand-off',
    ]);
    expect(details.steps[2]?.output).toBeNull();
    expect((details.steps[3]?.output as { stdout: string }).stdout).toBe('was: null\n');
    expect(existsSync(marker)).toBe(false);
    const logs = await t.runtime.api.call('runs.logs', { id: run.id });
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stepId: 'never',
          stream: 'system',
          message: 'Step never skipped: if params.send was false',
        }),
      ]),
    );
  });

  it('ends the run log with the step failure that ended the run', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Fails',
      retryPolicy: { maxAttempts: 1 },
      pipeline: {
        steps: [
          { id: 'ok', uses: 'shell.exec', with: { argv: ['echo', 'fine'] } },
          { id: 'boom', uses: 'shell.exec', with: { argv: ['sh', '-c', 'echo nope >&2; exit 3'] } },
        ],
      },
    });
    const run = await finished(t, (await t.runtime.api.call('tasks.runNow', { id: task.id })).id);
    expect(run.status).toBe('failed');
    const logs = await t.runtime.api.call('runs.logs', { id: run.id });
    const last = logs.at(-1)!;
    expect(last).toMatchObject({ stepId: 'boom', stream: 'system', level: 'error' });
    expect(last.message).toBe(`Step boom failed: ${run.error!.error}`);
    expect(last.message).toContain('exit');
  });

  it('fails the step permanently when a template has no value at run time', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Missing',
      pipeline: {
        params: { go: { type: 'boolean', default: false } },
        steps: [
          { id: 'maybe', uses: 'shell.exec', if: 'params.go', with: { argv: ['echo', 'x'] } },
          { id: 'use', uses: 'shell.exec', with: { argv: ['echo', '${steps.maybe.stdout}'] } },
        ],
      },
    });
    const run = await finished(t, (await t.runtime.api.call('tasks.runNow', { id: task.id })).id);
    expect(run).toMatchObject({
      status: 'failed',
      error: {
        reason: 'step use failed',
        error:
          'steps.use.with.argv[1]: ${steps.maybe.stdout} has no value: step "maybe" has no output (it was skipped, or failed and the run continued)',
      },
    });
    // Permanent: no retry was queued.
    expect((await t.runtime.api.call('runs.list', { taskId: task.id })).items).toHaveLength(1);
  });
});
