// Success criteria at work through the real runtime on a real SQLite file: the verifier's request
// (to a loopback OpenAI-compatible server speaking the real chat-completions stream) carries the
// criteria, a measurable is evaluated after the run over its real shell step, the results and the
// completion summary come back from runs.get, and a bad measurable is refused on save with its path.
import { afterEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src-main/core/api/contract';
import { startLlmServer, type LlmServer } from '../helpers/llm-servers';
import { appErrorOf } from '../helpers/app-error';
import { node, runReaches, startHarness } from '../unit/core/approvals/harness';

const servers: LlmServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const verdictSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean' },
    confidence: { type: 'number' },
    issues: { type: 'array', items: { type: 'string' } },
    summary: { type: 'string' },
  },
  required: ['pass', 'confidence', 'issues'],
};

const criteria = [
  { criterion: 'All tests pass', measurable: 'steps.tests.exit_code == `0`' },
  'Names every branch it removed',
];

function pipeline(exitCode: number): Pipeline {
  return {
    steps: [
      {
        id: 'tests',
        uses: 'shell.exec',
        with: { argv: [node, '-e', `process.exit(${exitCode})`], permanent_exit_codes: [3] },
      },
      {
        id: 'draft',
        uses: 'llm.generate',
        role: 'drafter',
        with: { provider: 'openai_compatible', prompt: 'Report. Criteria: ${task.successCriteria}' },
      },
      {
        id: 'verify',
        uses: 'llm.structured',
        role: 'verifier',
        with: { provider: 'openai_compatible', prompt: 'Judge: ${steps.draft.text}', schema: verdictSchema },
      },
    ],
  };
}

async function harnessWithModel() {
  const llm = await startLlmServer('chat-completions');
  servers.push(llm);
  const h = await startHarness({
    providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'judge-model' } },
  });
  return { llm, h };
}

describe('success criteria', () => {
  it('are in the verifier request, measured after the run, and shown with the summary in runs.get', async () => {
    const { llm, h } = await harnessWithModel();
    llm.reply(
      { kind: 'text', text: 'Removed feature/a and feature/b.' },
      {
        kind: 'json',
        value: { pass: true, confidence: 0.9, issues: [], summary: 'Removed two branches; tests green.' },
      },
    );
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Branch cleanup',
      successCriteria: criteria,
      pipeline: pipeline(0),
    });
    expect(task.successCriteria).toEqual([
      { criterion: 'All tests pass', measurable: 'steps.tests.exit_code == `0`' },
      { criterion: 'Names every branch it removed', measurable: null },
    ]);
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    expect((await runReaches(h, run.id, ['succeeded', 'failed', 'awaiting_approval'])).status).toBe('succeeded');

    // The drafter's prompt read ${task.successCriteria}; the verifier, with no system prompt of its
    // own, was told the criteria by its default one.
    expect(JSON.stringify(llm.requests[0]!.body)).toContain('Names every branch it removed');
    const verifierMessages = llm.requests[1]!.body!.messages as { role: string; content: string }[];
    const system = verifierMessages.find((m) => m.role === 'system')!.content;
    expect(system).toContain('1. All tests pass (measured after the run by: steps.tests.exit_code == `0`)');
    expect(system).toContain('2. Names every branch it removed');

    const view = await h.runtime.api.call('runs.get', { id: run.id });
    expect(view.assessment).toMatchObject({
      summary: 'Removed two branches; tests green.',
      criteria: [
        { criterion: 'All tests pass', status: 'met', detail: 'evaluated to true' },
        { criterion: 'Names every branch it removed', status: 'judged', detail: 'verifier verify passed the run' },
      ],
    });
  });

  it('records an unmet measurable when the step it reads failed, and says nothing was judged', async () => {
    const h = await startHarness();
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Tests only',
      successCriteria: [criteria[0]!, 'Reads well'],
      pipeline: { steps: [pipeline(3).steps[0]!] },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    expect((await runReaches(h, run.id, ['succeeded', 'failed'])).status).toBe('failed');
    const view = await h.runtime.api.call('runs.get', { id: run.id });
    expect(view.assessment?.criteria).toEqual([
      {
        criterion: 'All tests pass',
        measurable: 'steps.tests.exit_code == `0`',
        status: 'unmet',
        detail: 'evaluated to false',
      },
      { criterion: 'Reads well', measurable: null, status: 'not_checked', detail: null },
    ]);
    expect(view.assessment?.summary).toBeNull();
  });

  it('takes the completion summary from the step that declares it', async () => {
    const h = await startHarness();
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Summarised',
      pipeline: {
        steps: [
          { id: 'work', uses: 'shell.exec', with: { argv: [node, '-e', 'console.log("did the work")'] } },
          { id: 'report', uses: 'shell.exec', summary: true, with: { argv: [node, '-e', 'console.log("3 files")'] } },
        ],
      },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    await runReaches(h, run.id, ['succeeded', 'failed']);
    const view = await h.runtime.api.call('runs.get', { id: run.id });
    expect(view.assessment).toMatchObject({ summary: '3 files', criteria: [] });
  });

  it('refuses a bad measurable on save, naming its path', async () => {
    const h = await startHarness();
    const bad = await appErrorOf(
      h.runtime.api.call('tasks.create', {
        title: 'Bad measure',
        pipeline: pipeline(0),
        successCriteria: ['fine', { criterion: 'Broken', measurable: 'steps.tests.exit_code ==' }],
      }),
    );
    expect(bad.code).toBe('validation_failed');
    expect(bad.message).toMatch(/successCriteria\[1\]\.measurable: is not a valid JMESPath expression/);
    const task = await h.runtime.api.call('tasks.create', { title: 'Later', pipeline: pipeline(0) });
    const missing = await appErrorOf(
      h.runtime.api.call('tasks.update', {
        id: task.id,
        successCriteria: [{ criterion: 'Lint', measurable: 'steps.lint.exit_code == `0`' }],
      }),
    );
    expect(missing.details).toMatchObject({
      issues: [
        { path: 'successCriteria[0].measurable', message: 'steps.lint refers to step "lint", which does not exist' },
      ],
    });
  });

  it('derives actual hours from the time the task runs took', async () => {
    const h = await startHarness();
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Slow',
      estimatedHours: 2,
      pipeline: { steps: [{ id: 'pause', uses: 'wait', with: { ms: 90 * 60_000 } }] },
    });
    expect(task.actualHours).toBeNull();
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    // The wait step sleeps on the (fake) clock: minute by minute, an hour and a half passes for the run.
    for (let i = 0; i < 400; i++) {
      const { status } = (await h.runtime.api.call('runs.get', { id: run.id })).run;
      if (status === 'succeeded' || status === 'failed') break;
      h.clock.advance(status === 'running' ? 60_000 : 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = await runReaches(h, run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const after = await h.runtime.api.call('tasks.get', { id: task.id });
    const ms = Date.parse(done.finishedAt!) - Date.parse(done.startedAt!);
    expect(ms).toBeGreaterThanOrEqual(90 * 60_000);
    expect(after.actualHours).toBeCloseTo(ms / 3_600_000, 6);
    expect(after.estimatedHours).toBe(2);
  });
});
