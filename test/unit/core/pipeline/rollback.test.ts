import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../../src-main/core/api/contract';
import { appErrorOf } from '../../../helpers/app-error';
import { makeTempDir } from '../../../helpers/temp-dir';
import { runReaches, startHarness, type Harness } from '../approvals/harness';

function writes(dir: string): { steps: PipelineStep[] } {
  return {
    steps: [
      { id: 'write_a', uses: 'file.write', role: 'executor', with: { path: join(dir, 'a.txt'), content: 'new a' } },
      { id: 'write_b', uses: 'file.write', role: 'executor', with: { path: join(dir, 'b.txt'), content: 'new b' } },
      { id: 'ask', uses: 'approval.request', with: { question: 'Keep the files?' } },
    ],
  };
}

async function rejectedRun(h: Harness, dir: string): Promise<string> {
  const task = await h.runtime.api.call('tasks.create', { title: 'Files', pipeline: writes(dir) });
  const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
  await runReaches(h, run.id, ['awaiting_approval']);
  await expect(appErrorOf(h.runtime.api.call('runs.rollback', { runId: run.id }))).resolves.toMatchObject({
    code: 'conflict',
    message: expect.stringContaining('Reject its approval first'),
  });
  const [approval] = await h.runtime.api.call('approvals.list', { status: 'pending' });
  await h.runtime.api.call('approvals.decide', { id: approval!.id, decision: 'reject' });
  await runReaches(h, run.id, ['failed']);
  return run.id;
}

describe('runs.rollback', () => {
  it('undoes the completed file writes of a rejected run, newest first', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'b.txt'), 'old b');
    const h = await startHarness({ fileRoots: [dir] });
    const runId = await rejectedRun(h, dir);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('new b');

    const result = await h.runtime.api.call('runs.rollback', { runId });
    expect(result).toEqual({
      runId,
      steps: [
        { stepId: 'write_b', tool: 'file.write', status: 'rolled_back' },
        { stepId: 'write_a', tool: 'file.write', status: 'rolled_back' },
      ],
    });
    expect(existsSync(join(dir, 'a.txt'))).toBe(false);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('old b');
    const steps = (await h.runtime.api.call('runs.get', { id: runId })).steps;
    expect(steps.map((s) => [s.stepId, s.status])).toEqual([
      ['write_a', 'rolled_back'],
      ['write_b', 'rolled_back'],
      ['ask', 'failed'],
    ]);
    const events = await h.runtime.api.call('events.list', {});
    expect(events.items.map((e) => e.type)).toEqual(expect.arrayContaining(['step:rolled_back', 'run:rolled_back']));
    await expect(appErrorOf(h.runtime.api.call('runs.rollback', { runId }))).resolves.toMatchObject({
      code: 'conflict',
      message: `Run ${runId} has no completed step that can be undone.`,
    });
  });

  it('stops at the first step it cannot undo and names it', async () => {
    const dir = makeTempDir();
    const h = await startHarness({ fileRoots: [dir] });
    const runId = await rejectedRun(h, dir);
    // The folder is no longer an allowed root, so file.write refuses to touch it.
    await h.runtime.api.call('settings.update', { fileRoots: [makeTempDir()] });
    const error = await appErrorOf(h.runtime.api.call('runs.rollback', { runId }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^Step write_b \(file\.write\) could not be undone: /);
    expect(error.details).toMatchObject({ stepId: 'write_b', undone: [] });
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new a');
    const steps = (await h.runtime.api.call('runs.get', { id: runId })).steps;
    expect(steps.filter((s) => s.status === 'complete').map((s) => s.stepId)).toEqual(['write_a', 'write_b']);
  });

  it('refuses a run that succeeded', async () => {
    const dir = makeTempDir();
    const h = await startHarness({ fileRoots: [dir] });
    const task = await h.runtime.api.call('tasks.create', {
      title: 'Done',
      pipeline: { steps: [{ id: 'w', uses: 'file.write', with: { path: join(dir, 'x'), content: 'x' } }] },
    });
    const run = await h.runtime.api.call('tasks.runNow', { id: task.id });
    await runReaches(h, run.id, ['succeeded']);
    const error = await appErrorOf(h.runtime.api.call('runs.rollback', { runId: run.id }));
    expect(error.message).toBe(
      `Run ${run.id} is succeeded; only a failed, rejected, cancelled, timed-out or halted run can be rolled back.`,
    );
  });
});
