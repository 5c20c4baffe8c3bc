// The agent pipeline end to end through the real runtime: a drafter (llm.generate), a verifier
// (llm.structured) whose low confidence halts the run, an approval through the API, then an executor
// (file.write) and a confirmation (notify.send). The models are a loopback OpenAI-compatible server
// speaking the real chat-completions stream; everything else is the real code on a real SQLite file.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '../helpers/llm-servers';
import { makeTempDir } from '../helpers/temp-dir';
import { runReaches, startHarness } from '../unit/core/approvals/harness';

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
  additionalProperties: false,
};

describe('an agent pipeline', () => {
  it('drafts, halts on low verifier confidence, resumes once approved, acts and notifies', async () => {
    const llm = await startLlmServer('chat-completions');
    servers.push(llm);
    llm.reply(
      { kind: 'text', text: 'Cleaned 3 stale branches and pruned the cache.', usage: { input: 42, output: 9 } },
      {
        kind: 'json',
        value: { pass: true, confidence: 0.55, issues: ['the branch names are not listed'] },
        usage: { input: 61, output: 17 },
      },
    );
    const out = makeTempDir();
    const h = await startHarness({
      providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'drafter-model' } },
      fileRoots: [out],
    });
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Nightly chore',
      successCriteria: ['names every branch it removed'],
      pipeline: {
        steps: [
          {
            id: 'draft',
            uses: 'llm.generate',
            role: 'drafter',
            with: { provider: 'openai_compatible', prompt: 'Report on ${task.title}' },
          },
          {
            id: 'verify',
            uses: 'llm.structured',
            role: 'verifier',
            with: {
              provider: 'openai_compatible',
              model: 'judge-model',
              prompt: 'Does this report meet the criteria? ${steps.draft.text}',
              schema: verdictSchema,
            },
          },
          {
            id: 'execute',
            uses: 'file.write',
            role: 'executor',
            with: { path: join(out, 'report.txt'), content: '${steps.draft.text}' },
          },
          {
            id: 'confirm',
            uses: 'notify.send',
            phase: 'confirmation',
            with: { title: 'Nightly chore report written', body: '${steps.execute.path}' },
          },
        ],
      },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });

    const halted = await runReaches(h, run.id, ['awaiting_approval', 'failed', 'succeeded']);
    expect(halted.status).toBe('awaiting_approval');
    expect(halted.error).toEqual({
      reason: 'uncertain',
      error: 'verifier confidence 0.55 is below 0.70',
      signals: ['low_confidence@verify: verifier confidence 0.55 is below 0.70'],
    });
    const db = new Database(join(h.dataDir, 'ridgeline.db'), { readonly: true });
    try {
      const lease = db.prepare('SELECT lease_owner, lease_expires_at FROM runs WHERE id = ?').get(run.id);
      expect(lease).toEqual({ lease_owner: null, lease_expires_at: null });
      const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
      expect(approval).toMatchObject({
        // The question names what the verifier judged, not only its verdict.
        question:
          "Nightly chore: verifier confidence 0.55 is below 0.70 (judging the draft of step 'draft'). Continue with this output?",
        subject: {
          kind: 'draft',
          title: "the draft of step 'draft'",
          stepId: 'draft',
          content: 'Cleaned 3 stale branches and pruned the cache.',
          truncated: false,
        },
        signals: [{ kind: 'low_confidence', stepId: 'verify', details: { confidence: 0.55, minConfidence: 0.7 } }],
        step: { id: 'verify', uses: 'llm.structured', role: 'verifier', phase: 'verification' },
        output: { object: { pass: true, confidence: 0.55 }, provider: 'openai_compatible', model: 'judge-model' },
      });
      // The notification centre words it (a halt by the checks, or an approval step's question).
      expect(h.notifications).toContainEqual(
        expect.objectContaining({
          title: expect.stringMatching(/^Nightly chore /),
          body: expect.stringContaining('verifier confidence 0.55 is below 0.70'),
          runId: run.id,
        }),
      );
      expect(JSON.stringify(llm.requests[1]!.body)).toContain('Cleaned 3 stale branches');

      await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'approve', note: 'fine for tonight' });
      const done = await runReaches(h, run.id, ['succeeded', 'failed']);
      expect(done.error).toBeNull();
      expect(done).toMatchObject({ status: 'succeeded', inputTokens: 42 + 61, outputTokens: 9 + 17 });
      // The resumed run replayed the two model steps: no third request.
      expect(llm.requests).toHaveLength(2);
      expect(readFileSync(join(out, 'report.txt'), 'utf8')).toBe('Cleaned 3 stale branches and pruned the cache.');
      expect(h.notifications).toContainEqual(
        expect.objectContaining({ title: 'Nightly chore report written', body: join(out, 'report.txt') }),
      );

      const checkpoints = db
        .prepare(
          `SELECT step_name, phase, role, status, drafter_agent_id, verifier_agent_id, rollback_data IS NOT NULL AS undoable
           FROM checkpoints WHERE run_id = ? ORDER BY global_sequence`,
        )
        .all(run.id);
      expect(checkpoints).toEqual([
        {
          step_name: 'draft',
          phase: 'drafting',
          role: 'drafter',
          status: 'complete',
          drafter_agent_id: 'openai_compatible:drafter-model',
          verifier_agent_id: null,
          undoable: 0,
        },
        {
          step_name: 'verify',
          phase: 'verification',
          role: 'verifier',
          status: 'complete',
          drafter_agent_id: 'openai_compatible:drafter-model',
          verifier_agent_id: 'openai_compatible:judge-model',
          undoable: 0,
        },
        {
          step_name: 'execute',
          phase: 'execution',
          role: 'executor',
          status: 'complete',
          drafter_agent_id: 'openai_compatible:drafter-model',
          verifier_agent_id: 'openai_compatible:judge-model',
          undoable: 1,
        },
        {
          step_name: 'confirm',
          phase: 'confirmation',
          role: null,
          status: 'complete',
          drafter_agent_id: 'openai_compatible:drafter-model',
          verifier_agent_id: 'openai_compatible:judge-model',
          undoable: 0,
        },
      ]);
      const usage = db
        .prepare(
          `SELECT provider, model, operation, input_tokens, output_tokens, total_tokens, success, task_id, run_id
           FROM api_usage WHERE run_id = ? ORDER BY id`,
        )
        .all(run.id);
      expect(usage).toEqual([
        {
          provider: 'openai_compatible',
          model: 'drafter-model',
          operation: 'llm.generate',
          input_tokens: 42,
          output_tokens: 9,
          total_tokens: 51,
          success: 1,
          task_id: task.id,
          run_id: run.id,
        },
        {
          provider: 'openai_compatible',
          model: 'judge-model',
          operation: 'llm.structured',
          input_tokens: 61,
          output_tokens: 17,
          total_tokens: 78,
          success: 1,
          task_id: task.id,
          run_id: run.id,
        },
      ]);
      expect((await h.runtime.api.call('tasks.get', { id: task.id })).currentPhase).toBe('confirmation');
    } finally {
      db.close();
    }
  });

  it('halts when the model never gives a valid verdict, and goes on with the verdict the user enters', async () => {
    const llm = await startLlmServer('chat-completions');
    servers.push(llm);
    llm.reply(
      { kind: 'text', text: 'Report: all green.', usage: { input: 10, output: 4 } },
      { kind: 'text', text: 'Looks fine to me', usage: { input: 20, output: 5 } },
      { kind: 'text', text: 'Still fine', usage: { input: 30, output: 3 } },
    );
    const h = await startHarness({
      providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'local-model' } },
    });
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Health check',
      pipeline: {
        steps: [
          { id: 'draft', uses: 'llm.generate', role: 'drafter', with: { prompt: 'Report' } },
          {
            id: 'verify',
            uses: 'llm.structured',
            role: 'verifier',
            with: { prompt: 'Judge: ${steps.draft.text}', schema: verdictSchema, max_attempts: 2 },
          },
          {
            id: 'after',
            uses: 'shell.exec',
            role: 'executor',
            with: {
              argv: [
                process.execPath,
                '-e',
                'process.stdout.write(process.argv[1])',
                '${steps.verify.object.issues[0]}',
              ],
            },
          },
        ],
      },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    const halted = await runReaches(h, run.id, ['awaiting_approval', 'failed', 'succeeded']);
    expect(halted.status).toBe('awaiting_approval');
    expect(halted.error?.reason).toBe('invalid_output');
    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(approval).toMatchObject({ hasOutput: false, signals: [{ kind: 'invalid_output', stepId: 'verify' }] });

    await h.runtime.api.call('approvals.decide', {
      id: approval!.id,
      decision: 'approve',
      input: { object: { pass: true, confidence: 1, issues: ['checked by hand'] } },
    });
    const done = await runReaches(h, run.id, ['succeeded', 'failed']);
    expect(done.error).toBeNull();
    expect(llm.requests).toHaveLength(3);
    const steps = (await h.runtime.api.call('runs.get', { id: run.id })).steps;
    expect(steps.find((s) => s.stepId === 'after')?.output).toMatchObject({ stdout: 'checked by hand' });
  });

  it("lets a verdict through that meets the step's own with.min_confidence", async () => {
    const llm = await startLlmServer('chat-completions');
    servers.push(llm);
    llm.reply({ kind: 'text', text: 'Report.' }, { kind: 'json', value: { pass: true, confidence: 0.55, issues: [] } });
    const h = await startHarness({
      providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'local-model' } },
    });
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Lenient check',
      pipeline: {
        steps: [
          { id: 'draft', uses: 'llm.generate', role: 'drafter', with: { prompt: 'Report' } },
          {
            id: 'verify',
            uses: 'llm.structured',
            role: 'verifier',
            with: { prompt: 'Judge: ${steps.draft.text}', schema: verdictSchema, min_confidence: 0.5 },
          },
        ],
      },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    const done = await runReaches(h, run.id, ['awaiting_approval', 'failed', 'succeeded']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    // The control key stayed with the run: the model was not sent it.
    expect(JSON.stringify(llm.requests[1]!.body)).not.toContain('min_confidence');
  });
});
