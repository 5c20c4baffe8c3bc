import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../../src-main/core/api/contract';
import { appErrorOf } from '../../../helpers/app-error';
import { makeTempDir } from '../../../helpers/temp-dir';
import { node, runReaches, startHarness, type Harness } from './harness';

/** A drafter that counts its executions in `counter`, an approval step, and an executor using the decision. */
function askPipeline(counter: string, ask: Record<string, unknown> = {}): { steps: PipelineStep[] } {
  return {
    steps: [
      {
        id: 'prepare',
        uses: 'shell.exec',
        role: 'drafter',
        with: {
          argv: [
            node,
            '-e',
            "require('fs').appendFileSync(process.argv[1], 'x'); process.stdout.write('draft')",
            counter,
          ],
        },
      },
      {
        id: 'ask',
        uses: 'approval.request',
        with: { question: 'Ship the draft?', context: { draft: '${steps.prepare.stdout}' }, ...ask },
      },
      {
        id: 'act',
        uses: 'shell.exec',
        role: 'executor',
        with: { argv: [node, '-e', 'process.stdout.write(process.argv[1])', '${steps.ask.input.title}'] },
      },
    ],
  };
}

async function runTask(h: Harness, title: string, pipeline: { steps: PipelineStep[] }) {
  const task = await h.runtime.api.call('tasks.create', { title, pipeline });
  const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
  return { task, run };
}

describe('approvals', () => {
  it('halts at an approval step without holding a slot, then resumes the same run with the edited input', async () => {
    const h = await startHarness({ maxConcurrentRuns: 1 });
    const counter = join(makeTempDir(), 'count');
    const { task, run } = await runTask(h, 'Nightly chore', askPipeline(counter));
    const waiting = await runReaches(h, run.id, ['awaiting_approval']);
    expect(waiting.error).toEqual({
      reason: 'approval_requested',
      error: 'Ship the draft?',
      signals: ['approval_requested@ask: Ship the draft?'],
    });

    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(approval).toMatchObject({
      runId: run.id,
      taskTitle: 'Nightly chore',
      kind: 'approval_step',
      question: 'Ship the draft?',
      context: { draft: 'draft' },
      step: { id: 'ask', uses: 'approval.request', role: null, phase: null },
      status: 'pending',
    });
    expect(h.pushed.some((m) => m.event === 'approval:created' && m.data.approval.id === approval!.id)).toBe(true);
    expect((await h.runtime.api.call('tasks.get', { id: task.id })).status).toBe('halted');
    await h.runtime.queueIdle();
    expect(h.notifications.map((n) => n.title)).toContainEqual(
      expect.stringContaining('Nightly chore needs your approval'),
    );

    // The waiting run holds no slot: with one slot, another task runs to the end meanwhile.
    const other = await runTask(h, 'Other', {
      steps: [{ id: 'hi', uses: 'shell.exec', with: { argv: [node, '-e', ''] } }],
    });
    expect((await runReaches(h, other.run.id, ['succeeded', 'failed'])).status).toBe('succeeded');

    const decided = await h.runtime.api.call('approvals.decide', {
      id: approval!.id,
      decision: 'approve',
      input: { title: 'Final title' },
      note: 'go',
    });
    expect(decided).toMatchObject({
      status: 'approved',
      input: { title: 'Final title' },
      note: 'go',
      decidedBy: 'user',
    });
    const done = await runReaches(h, run.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ id: run.id, status: 'succeeded', error: null });

    const details = await h.runtime.api.call('runs.get', { id: run.id });
    const complete = details.steps.filter((s) => s.status === 'complete');
    expect(complete.map((s) => s.stepId)).toEqual(['prepare', 'ask', 'act']);
    expect(complete[1]!.output).toEqual({ approved: true, input: { title: 'Final title' }, note: 'go' });
    expect(complete[2]!.output).toMatchObject({ stdout: 'Final title' });
    // The drafter completed before the halt and was replayed, not run again.
    expect(readFileSync(counter, 'utf8')).toBe('x');
    await expect(
      appErrorOf(h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'reject' })),
    ).resolves.toMatchObject({ code: 'conflict', message: `Approval ${approval!.id} was already approved.` });
  });

  it('ends a rejected run failed with reason rejected', async () => {
    const h = await startHarness();
    const { task, run } = await runTask(h, 'Reject me', askPipeline(join(makeTempDir(), 'count')));
    await runReaches(h, run.id, ['awaiting_approval']);
    const [approval] = await h.runtime.api.call('approvals.list', {});
    await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'reject', note: 'wrong branch' });
    const done = await runReaches(h, run.id, ['failed']);
    expect(done.error).toEqual({
      reason: 'rejected',
      error: 'Rejected: wrong branch',
      signals: [`approval=${approval!.id}`, 'step=ask', 'rejected'],
    });
    expect((await h.runtime.api.call('tasks.get', { id: task.id })).status).toBe('failed');
    expect(await h.runtime.api.call('approvals.list', { status: 'pending' })).toEqual([]);
    const events = await h.runtime.api.call('events.list', { taskId: task.id });
    expect(events.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['run:halted', 'approval:requested', 'approval:rejected', 'run:failed']),
    );
  });

  it('expires an unanswered approval to a rejection after its expires_in', async () => {
    const h = await startHarness();
    const { run } = await runTask(h, 'Expiring', askPipeline(join(makeTempDir(), 'count'), { expires_in: '30m' }));
    await runReaches(h, run.id, ['awaiting_approval']);
    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(Date.parse(approval!.expiresAt!) - Date.parse(approval!.createdAt)).toBe(30 * 60_000);
    h.clock.advance(29 * 60_000);
    expect(await h.runtime.api.call('approvals.list', { status: 'pending' })).toHaveLength(1);
    h.clock.advance(60_000);
    expect(await h.runtime.api.call('approvals.list', { status: 'pending' })).toEqual([]);
    expect(await h.runtime.api.call('approvals.get', { id: approval!.id })).toMatchObject({
      status: 'expired',
      decidedBy: 'system',
    });
    const done = await runReaches(h, run.id, ['failed']);
    expect(done.error).toMatchObject({ reason: 'rejected', signals: expect.arrayContaining(['expired']) });
    await expect(
      appErrorOf(h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'approve' })),
    ).resolves.toMatchObject({ code: 'conflict' });
  });

  it("expires an approval on the scheduler's wake, with no approvals call made", async () => {
    const h = await startHarness();
    const { run } = await runTask(h, 'Unattended', askPipeline(join(makeTempDir(), 'count'), { expires_in: '10m' }));
    await runReaches(h, run.id, ['awaiting_approval']);
    // The scheduler wakes at least every 30 s: the next wake after the expiry rejects the approval.
    h.clock.advance(10 * 60_000 + 30_000);
    const done = await runReaches(h, run.id, ['failed']);
    expect(done.error).toMatchObject({ reason: 'rejected', signals: expect.arrayContaining(['expired']) });
  });

  it('halts on a verifier output that is no verdict, and approving lets that output through', async () => {
    const h = await startHarness();
    const { run } = await runTask(h, 'Checks', {
      steps: [
        {
          id: 'check',
          uses: 'shell.exec',
          role: 'verifier',
          with: { argv: [node, '-e', 'process.stdout.write("ok")'] },
        },
        {
          id: 'after',
          uses: 'shell.exec',
          role: 'executor',
          with: { argv: [node, '-e', '', '${steps.check.stdout}'] },
        },
      ],
    });
    const waiting = await runReaches(h, run.id, ['awaiting_approval']);
    expect(waiting.error).toMatchObject({
      reason: 'uncertain',
      error: expect.stringContaining('gave no valid verdict'),
    });
    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(approval).toMatchObject({
      kind: 'uncertainty',
      hasOutput: true,
      output: { stdout: 'ok', exit_code: 0 },
      signals: [{ kind: 'invalid_verdict', stepId: 'check' }],
      step: { id: 'check', role: 'verifier', phase: 'verification' },
      question: expect.stringMatching(/^Checks: verifier check gave no valid verdict/),
    });
    const halted = (await h.runtime.api.call('runs.get', { id: run.id })).steps;
    expect(halted.map((s) => [s.stepId, s.status])).toEqual([['check', 'failed']]);
    await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'approve' });
    expect((await runReaches(h, run.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const steps = (await h.runtime.api.call('runs.get', { id: run.id })).steps;
    expect(steps.map((s) => [s.stepId, s.status])).toEqual([
      ['check', 'complete'],
      ['after', 'complete'],
    ]);
  });

  it('halts on a hedging draft and ends the run when the approval is rejected', async () => {
    const h = await startHarness();
    const { run } = await runTask(h, 'Summary', {
      steps: [
        {
          id: 'draft',
          uses: 'shell.exec',
          role: 'drafter',
          with: { argv: [node, '-e', 'process.stdout.write("Totals attached. I cannot verify the March figures.")'] },
        },
        { id: 'send', uses: 'shell.exec', role: 'executor', with: { argv: [node, '-e', ''] } },
      ],
    });
    const waiting = await runReaches(h, run.id, ['awaiting_approval', 'succeeded']);
    expect(waiting.error).toEqual({
      reason: 'uncertain',
      error: 'the draft hedges ("i cannot verify")',
      signals: ['hedging@draft: the draft hedges ("i cannot verify")'],
    });
    const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
    expect(approval!.step).toEqual({ id: 'draft', uses: 'shell.exec', role: 'drafter', phase: 'drafting' });
    await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'reject' });
    expect((await runReaches(h, run.id, ['failed'])).error?.error).toBe('Rejected by the user');
    const steps = (await h.runtime.api.call('runs.get', { id: run.id })).steps;
    expect(steps.map((s) => s.stepId)).toEqual(['draft']);
  });

  it('refuses a bad with.min_confidence or expires_in, naming the path', async () => {
    const h = await startHarness();
    const { run } = await runTask(h, 'Bad', {
      steps: [{ id: 'ask', uses: 'approval.request', with: { question: 'q?', expires_in: 'soon' } }],
    });
    const done = await runReaches(h, run.id, ['failed']);
    expect(done.error?.error).toBe(
      'steps.ask.with.expires_in: must be a positive number of milliseconds or a duration such as "30m", "24h" or "7d"',
    );
  });
});
