// What an approval asks a person to judge, and what an edit may replace it with: on the real runtime
// (real SQLite file, real child processes, a loopback OpenAI-compatible model server).
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../../src-main/core/api/contract';
import { SUBJECT_MAX_CHARS } from '../../../../src-main/core/approvals/subject';
import { appErrorOf } from '../../../helpers/app-error';
import { startLlmServer, type LlmServer } from '../../../helpers/llm-servers';
import { node, runReaches, startHarness, type Harness } from './harness';

const servers: LlmServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const verdictSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    issues: { type: 'array', items: { type: 'string' } },
  },
  required: ['pass', 'confidence', 'issues'],
};

const print = (id: string, text: string, role: PipelineStep['role']): PipelineStep => ({
  id,
  uses: 'shell.exec',
  ...(role ? { role } : {}),
  with: { argv: [node, '-e', 'process.stdout.write(process.argv[1])', text] },
});

async function haltedRun(h: Harness, title: string, steps: PipelineStep[]) {
  const task = await h.runtime.api.call('tasks.create', { title, pipeline: { steps } });
  const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
  expect((await runReaches(h, run.id, ['awaiting_approval', 'succeeded', 'failed'])).status).toBe('awaiting_approval');
  const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
  return { run, approval: approval! };
}

/** A drafter, then a verifier whose verdict (confidence 0.4) halts the run. */
async function lowConfidenceVerdict() {
  const llm = await startLlmServer('chat-completions');
  servers.push(llm);
  llm.reply(
    { kind: 'text', text: 'Release notes for 2.4: faster sync.' },
    { kind: 'json', value: { pass: true, confidence: 0.4, issues: ['no dates'] } },
  );
  const h = await startHarness({ providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'm' } } });
  const halted = await haltedRun(h, 'Release notes', [
    { id: 'draft', uses: 'llm.generate', role: 'drafter', with: { prompt: 'Write notes' } },
    { id: 'verify', uses: 'llm.structured', role: 'verifier', with: { prompt: 'Judge', schema: verdictSchema } },
    print('publish', '${steps.verify.object.issues[0]}', 'executor'),
  ]);
  return { h, llm, ...halted };
}

describe('what an approval judges', () => {
  it('refuses an edited output that is no verdict, naming the path, and the run keeps waiting', async () => {
    const { h, run, approval } = await lowConfidenceVerdict();
    const refused = await appErrorOf(
      h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve', input: { foo: 1 } }),
    );
    expect(refused.code).toBe('validation_failed');
    expect(refused.message).toMatch(/the edited output does not fit step verify \(llm\.structured\)/);
    const paths = (refused.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['input.text', 'input.object']));
    expect((await h.runtime.api.call('runs.get', { id: run.id })).run.status).toBe('awaiting_approval');
    expect(await h.runtime.api.call('approvals.get', { id: approval.id })).toMatchObject({ status: 'pending' });

    // A verdict of the wrong shape inside an otherwise whole output is refused at its field.
    const badVerdict = { ...(approval.output as object), object: { pass: 'yes', confidence: 1, issues: [] } };
    const wrongField = await appErrorOf(
      h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve', input: badVerdict }),
    );
    expect((wrongField.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(
      'input.object.pass',
    );

    const fixed = { ...(approval.output as object), object: { pass: true, confidence: 1, issues: ['dated by hand'] } };
    await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve', input: fixed });
    const done = await runReaches(h, run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const steps = (await h.runtime.api.call('runs.get', { id: run.id })).steps;
    expect(steps.find((s) => s.stepId === 'publish')?.output).toMatchObject({ stdout: 'dated by hand' });
  });

  it("shows the drafter's text as what a verifier judged, and names it in the question", async () => {
    const { approval } = await lowConfidenceVerdict();
    expect(approval.subject).toEqual({
      kind: 'draft',
      title: "the draft of step 'draft'",
      stepId: 'draft',
      content: 'Release notes for 2.4: faster sync.',
      truncated: false,
    });
    expect(approval.question).toBe(
      "Release notes: verifier confidence 0.40 is below 0.70 (judging the draft of step 'draft'). Continue with this output?",
    );
  });

  it('shows the diff an executor produced, masked and cut with a marker when long', async () => {
    const h = await startHarness({}, { RIDGELINE_SECRET_DEPLOY_TOKEN: 'tok-7f3a9c1e5b' });
    const diff = `diff --git a/app.ts b/app.ts\n--- a/app.ts\n+++ b/app.ts\n+const token = 'tok-7f3a9c1e5b';\n${'+x\n'.repeat(12_000)}`;
    const { approval } = await haltedRun(h, 'Refactor', [
      print('change', diff, 'executor'),
      print('check', 'looks fine', 'verifier'),
    ]);
    const subject = approval.subject!;
    expect(subject).toMatchObject({ kind: 'diff', title: "the diff of step 'change'", truncated: true });
    expect(subject.content.startsWith('diff --git a/app.ts b/app.ts')).toBe(true);
    expect(subject.content).not.toContain('tok-7f3a9c1e5b');
    expect(subject.content).toMatch(/\n\[… \d+ more characters not shown\]$/);
    expect(subject.content.length).toBeLessThan(SUBJECT_MAX_CHARS + 100);
  });

  it("refuses a budget decision for an approval that is not about a budget, naming 'decision'", async () => {
    const h = await startHarness();
    const { approval } = await haltedRun(h, 'Summary', [print('draft', 'I am not sure about this.', 'drafter')]);
    expect(approval.subject).toMatchObject({ kind: 'draft', content: 'I am not sure about this.' });
    expect(approval.budget).toBeNull();
    const refused = await appErrorOf(
      h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'continue_over_budget' }),
    );
    expect(refused).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'decision' }] },
    });
    expect(await h.runtime.api.call('approvals.get', { id: approval.id })).toMatchObject({ status: 'pending' });
  });
});
