// Budget halts and their two decisions, on the real runtime with a real SQLite file and a loopback
// OpenAI-compatible model server: continue this run over budget (once, for this run) and raise the
// budget (saved through the task or the settings, then the run resumes). Never a second halt on the
// budget that was decided about.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../../src-main/core/api/contract';
import { appErrorOf } from '../../../helpers/app-error';
import { startLlmServer, type LlmServer } from '../../../helpers/llm-servers';
import { runReaches, startHarness, type Harness } from './harness';

const servers: LlmServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** 502,000 output tokens at $10 per million: the first call spends $5.02. */
const OVER_FIVE = { input: 0, output: 502_000 };

function step(id: string): PipelineStep {
  return { id, uses: 'llm.generate', with: { prompt: `Do ${id}` } };
}

async function budgetHalt(options: { budgetUsd?: number; daily?: number } = {}) {
  const llm = await startLlmServer('chat-completions');
  servers.push(llm);
  llm.reply(
    { kind: 'text', text: 'Draft done.', usage: OVER_FIVE },
    { kind: 'text', text: 'Reviewed.', usage: { input: 0, output: 1000 } },
    { kind: 'text', text: 'Summed up.', usage: { input: 0, output: 1000 } },
  );
  const h = await startHarness({
    providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'coder' } },
    ...(options.daily !== undefined ? { budgets: { dailyUsd: options.daily, monthlyUsd: null } } : {}),
  });
  // The price table in the data directory prices the loopback model.
  writeFileSync(
    join(h.dataDir, 'prices.json'),
    JSON.stringify({
      unit: 'USD per million tokens',
      providers: { openai_compatible: { coder: { input: 0, output: 10 } } },
    }),
  );
  const task = await h.runtime.api.call('tasks.create', {
    title: 'Nightly coding chore',
    ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
    pipeline: { steps: [step('draft'), step('review'), step('summary')] },
  });
  const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
  const halted = await runReaches(h, run.id, ['awaiting_approval', 'succeeded', 'failed']);
  expect(halted.status).toBe('awaiting_approval');
  const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
  return { h, llm, task, run, approval: approval! };
}

async function haltsOf(h: Harness, runId: string): Promise<number> {
  const events = await h.runtime.api.call('events.list', {});
  return events.items.filter((e) => e.type === 'run:halted' && e.runId === runId).length;
}

describe('budget approvals', () => {
  it('says in the question which budget stopped which step, and offers the budget decisions', async () => {
    const { approval } = await budgetHalt({ budgetUsd: 5 });
    expect(approval.question).toBe(
      "Spent $5.02 of the $5.00 monthly budget of 'Nightly coding chore'; the step 'review' was not run. " +
        'Continue this run over budget, or raise the budget?',
    );
    expect(approval.budget).toMatchObject({ kind: 'task', limitUsd: 5, decision: null, raisedToUsd: null });
    expect(approval.budget!.spentUsd).toBeCloseTo(5.02, 6);
    // It stopped before the step ran: there is nothing of it to judge.
    expect(approval.subject).toBeNull();
  });

  it('finishes a run approved to continue over budget without halting it again, for that run only', async () => {
    const { h, llm, task, run, approval } = await budgetHalt({ budgetUsd: 5 });
    const decided = await h.runtime.api.call('approvals.decide', {
      id: approval.id,
      decision: 'continue_over_budget',
    });
    expect(decided).toMatchObject({ status: 'approved', budget: { decision: 'continue_over_budget' } });
    const done = await runReaches(h, run.id, ['succeeded', 'failed', 'awaiting_approval']);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    // review and summary both went past the spent budget: three calls, one halt.
    expect(llm.requests).toHaveLength(3);
    expect(await haltsOf(h, run.id)).toBe(1);
    const events = await h.runtime.api.call('events.list', { taskId: task.id });
    expect(events.items.map((e) => e.summary)).toContainEqual(
      `Approved "Nightly coding chore" to continue over the monthly budget of 'Nightly coding chore' for this run; it resumes`,
    );

    // The next run of the task is held to the budget again.
    const next = await h.runtime.api.call('tasks.runNow', { id: task.id });
    const again = await runReaches(h, next.id, ['awaiting_approval', 'succeeded', 'failed']);
    expect(again.status).toBe('awaiting_approval');
    expect(again.error?.reason).toBe('budget_reached');
    expect(llm.requests).toHaveLength(3);
  });

  it('treats a plain approve of a budget halt as continue over budget, so it does not loop', async () => {
    const { h, run, approval } = await budgetHalt({ budgetUsd: 5 });
    await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve' });
    expect((await runReaches(h, run.id, ['succeeded', 'failed', 'awaiting_approval'])).status).toBe('succeeded');
    expect(await haltsOf(h, run.id)).toBe(1);
    expect(await h.runtime.api.call('approvals.get', { id: approval.id })).toMatchObject({
      budget: { decision: 'continue_over_budget' },
    });
  });

  it("raises the task's budget through the task and resumes the run", async () => {
    const { h, llm, task, run, approval } = await budgetHalt({ budgetUsd: 5 });
    const tooLow = await appErrorOf(
      h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'raise_budget', budgetUsd: 5.01 }),
    );
    expect(tooLow).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/^Invalid input for approvals\.decide: budgetUsd: must be more than the \$5\.02/),
    });
    expect((await h.runtime.api.call('runs.get', { id: run.id })).run.status).toBe('awaiting_approval');
    expect((await h.runtime.api.call('tasks.get', { id: task.id })).budgetUsd).toBe(5);
    await expect(
      appErrorOf(h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'raise_budget' })),
    ).resolves.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('budgetUsd: is required') });

    const decided = await h.runtime.api.call('approvals.decide', {
      id: approval.id,
      decision: 'raise_budget',
      budgetUsd: 20,
    });
    expect(decided.budget).toMatchObject({ decision: 'raise_budget', raisedToUsd: 20 });
    expect((await h.runtime.api.call('tasks.get', { id: task.id })).budgetUsd).toBe(20);
    expect((await runReaches(h, run.id, ['succeeded', 'failed', 'awaiting_approval'])).status).toBe('succeeded');
    expect(llm.requests).toHaveLength(3);
    expect(h.pushed.some((m) => m.event === 'task:updated' && m.data.task.budgetUsd === 20)).toBe(true);
  });

  it('raises the global daily budget through the settings and resumes the run', async () => {
    const { h, run, approval } = await budgetHalt({ daily: 5 });
    expect(approval.question).toMatch(/^Spent \$5\.02 of the \$5\.00 daily budget; the step 'review' was not run/);
    await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'raise_budget', budgetUsd: 8 });
    expect((await h.runtime.api.call('settings.get', {})).budgets.dailyUsd).toBe(8);
    expect((await runReaches(h, run.id, ['succeeded', 'failed', 'awaiting_approval'])).status).toBe('succeeded');
    expect(await haltsOf(h, run.id)).toBe(1);
  });
});
