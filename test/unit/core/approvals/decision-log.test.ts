// Each decision on an approval, with its note, lands in the run's log (pushed live) and in the
// activity feed: on the real runtime with a real SQLite file, a real child process for the step.
import { describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../../src-main/core/api/contract';
import { decisionMessage } from '../../../../src-main/core/approvals/decision-log';
import { node, runReaches, startHarness, type Harness } from './harness';

const steps: PipelineStep[] = [
  { id: 'draft', uses: 'shell.exec', role: 'drafter', with: { argv: [node, '-e', "process.stdout.write('text')"] } },
  { id: 'ask', uses: 'approval.request', with: { question: 'Send it?' } },
];

async function pendingApproval(h: Harness, title: string) {
  const task = await h.runtime.api.call('tasks.create', { title, pipeline: { steps } });
  const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
  await runReaches(h, run.id, ['awaiting_approval']);
  const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
  return { run, approval: approval! };
}

async function systemLines(h: Harness, runId: string): Promise<string[]> {
  const { logs } = await h.runtime.api.call('runs.get', { id: runId });
  return logs.filter((l) => l.stream === 'system' && l.stepId === 'ask').map((l) => l.message);
}

describe('approval decisions in the run log and the activity feed', () => {
  it('writes an approval with its note to the run log, live, and to the feed', async () => {
    const h = await startHarness();
    const { run, approval } = await pendingApproval(h, 'Weekly mail');
    await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve', note: 'tone checked' });
    expect(await systemLines(h, run.id)).toContain('Approved by user; the run resumes. Note: tone checked');
    const pushedLog = h.pushed.filter((m) => m.event === 'run:log' && m.data.runId === run.id);
    expect(JSON.stringify(pushedLog)).toContain('Note: tone checked');
    const { items } = await h.runtime.api.call('events.list', { types: ['approval:approved'] });
    expect(items[0]).toMatchObject({ runId: run.id, summary: 'Approved "Weekly mail"; it resumes: tone checked' });
    await runReaches(h, run.id, ['succeeded']);
  });

  it('writes a rejection with its reason to the run log and the feed', async () => {
    const h = await startHarness();
    const { run, approval } = await pendingApproval(h, 'Risky mail');
    await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'reject', note: 'wrong recipient' });
    expect(await systemLines(h, run.id)).toContain('Rejected by user; the run ends. Note: wrong recipient');
    const { items } = await h.runtime.api.call('events.list', { types: ['approval:rejected'] });
    expect(items[0]).toMatchObject({ runId: run.id, summary: 'Rejected "Risky mail": wrong recipient' });
  });

  it('masks a secret in the note before it reaches the log or the feed', async () => {
    const h = await startHarness({}, { RIDGELINE_SECRET_MAIL_TOKEN: 'sk-live-abcdef123456' });
    const { run, approval } = await pendingApproval(h, 'Secret mail');
    await h.runtime.api.call('approvals.decide', {
      id: approval.id,
      decision: 'reject',
      note: 'token sk-live-abcdef123456 leaked',
    });
    const { items } = await h.runtime.api.call('events.list', { types: ['approval:rejected'] });
    expect(JSON.stringify([await systemLines(h, run.id), items])).not.toContain('sk-live-abcdef123456');
  });

  it('words budget decisions and expiry for people', () => {
    const budget = { kind: 'task', key: 'task:t:2026-12' } as const;
    expect(
      decisionMessage({
        status: 'approved',
        decidedBy: 'user',
        edited: false,
        budget: { ...budget, decision: 'raise_budget', raisedToUsd: 12 },
      }),
    ).toBe('Approved by user by raising the budget to $12.00; the run resumes.');
    expect(
      decisionMessage({
        status: 'approved',
        decidedBy: 'user',
        edited: false,
        budget: { ...budget, decision: 'continue_over_budget' },
        note: 'one-off',
      }),
    ).toBe('Approved by user to continue over budget for this run; the run resumes. Note: one-off');
    expect(decisionMessage({ status: 'expired', decidedBy: 'system', edited: false })).toBe(
      'The approval expired without a decision; the run ends as rejected.',
    );
  });
});
