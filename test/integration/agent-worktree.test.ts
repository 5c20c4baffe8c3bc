// Coding-agent steps through the real runtime on a real SQLite file, against real git checkouts in
// temp directories. The coding-agent CLIs cannot run here (no accounts, no network), so
// test/fixtures/fake-coding-agent.mjs stands in for them, on a temp PATH, with their flags and
// output formats; the verifier's model is a loopback OpenAI-compatible server.
import { existsSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Approval, RunStatus } from '../../src-main/core/api/contract';
import { startLlmServer, type LlmServer } from '../helpers/llm-servers';
import { makeTempDir } from '../helpers/temp-dir';
import { checkoutFingerprint, fakeAgentBin, git, makeDirtyCheckout, recordedCalls } from '../helpers/git-checkout';
import { startHarness, type Harness } from '../unit/core/approvals/harness';
import { processIsGone } from '../unit/core/tools/tool-context';

const bin = fakeAgentBin();
const servers: LlmServer[] = [];
const pathBefore = process.env.PATH;
afterEach(async () => {
  process.env.PATH = pathBefore;
  for (const server of servers.splice(0)) await server.close();
});

const verdictSchema = {
  type: 'object',
  properties: { pass: { type: 'boolean' }, confidence: { type: 'number' }, issues: { type: 'array' } },
  required: ['pass', 'confidence', 'issues'],
};

async function projectFor(h: Harness, workDir: string, config = {}): Promise<string> {
  const project = await h.runtime.api.call('projects.create', { name: 'App', workDir, config });
  return project.id;
}

async function runTask(h: Harness, task: Record<string, unknown>): Promise<{ taskId: string; runId: string }> {
  const created = await h.runtime.api.call('tasks.create', { taskType: 'chore', ...task } as never);
  const run = await h.runtime.api.call('tasks.runNow', { id: created.id });
  return { taskId: created.id, runId: run.id };
}

/**
 * Advances the fake clock by `stepMs` at a time until the run is in one of `statuses`; returns the
 * run and the fake time that took. Each agent step starts real processes (the CLI, a dozen git
 * commands), so the real deadline is generous.
 */
async function runReachesAdvancing(h: Harness, runId: string, statuses: RunStatus[], stepMs: number) {
  const start = h.clock.now();
  const deadline = Date.now() + 45_000;
  for (;;) {
    const { run } = await h.runtime.api.call('runs.get', { id: runId });
    if (statuses.includes(run.status)) {
      await h.runtime.queueIdle();
      return { run, fakeMs: h.clock.now() - start };
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}`);
    h.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const runReaches = (h: Harness, runId: string, statuses: RunStatus[]) => runReachesAdvancing(h, runId, statuses, 0);

const pending = async (h: Harness): Promise<Approval> => {
  const list = await h.runtime.api.call('approvals.list', { status: 'pending' });
  expect(list).toHaveLength(1);
  return list[0]!;
};

const worktreesLeft = (h: Harness): string[] => {
  const root = join(h.dataDir, 'worktrees');
  return existsSync(root) ? readdirSync(root) : [];
};

describe('a coding agent in its own worktree', () => {
  it(
    "leaves the user's checkout byte-identical, and its diff is what the verifier and the approval see",
    { timeout: 120_000 },
    async () => {
      const llm = await startLlmServer('chat-completions');
      servers.push(llm);
      llm.reply({ kind: 'json', value: { pass: true, confidence: 0.95, issues: [] }, usage: { input: 50, output: 9 } });
      const checkout = makeDirtyCheckout();
      const before = checkoutFingerprint(checkout);
      const record = join(makeTempDir(), 'calls.jsonl');
      const h = await startHarness({
        providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'judge' } },
      });
      const { taskId, runId } = await runTask(h, {
        title: 'Greeting chore',
        projectId: await projectFor(h, checkout),
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              role: 'drafter',
              with: {
                cli: 'claude',
                prompt: 'Add a greeting',
                permissions: { allowed_tools: ['Read', 'Edit'], permission_mode: 'acceptEdits' },
                env: {
                  PATH: `${bin}:${process.env.PATH}`,
                  FAKE_AGENT_RECORD: record,
                  FAKE_AGENT_WRITE: 'src/greeting.txt=hello from the agent',
                },
              },
            },
            {
              id: 'verify',
              uses: 'llm.structured',
              role: 'verifier',
              with: {
                provider: 'openai_compatible',
                prompt: 'Review this change: ${steps.agent.worktree.diff}',
                schema: verdictSchema,
              },
            },
            { id: 'review', uses: 'approval.request', with: { question: "Keep the agent's branch?" } },
          ],
        },
      });
      await runReaches(h, runId, ['awaiting_approval']);

      expect(checkoutFingerprint(checkout)).toBe(before);
      const [call] = recordedCalls(record);
      expect(call!.cwd.startsWith(join(h.dataDir, 'worktrees'))).toBe(true);
      expect(call!.argv).toEqual(
        expect.arrayContaining(['--allowedTools', 'Read,Edit', '--permission-mode', 'acceptEdits']),
      );
      expect(existsSync(call!.cwd)).toBe(false);
      expect(worktreesLeft(h)).toEqual([]);
      expect(git(checkout, 'worktree', 'list').trim().split('\n')).toHaveLength(1);

      const branch = `aos/chore/${taskId.slice(0, 8)}`;
      expect(git(checkout, 'show', `${branch}:src/greeting.txt`)).toBe('hello from the agent\n');
      expect(JSON.stringify(llm.requests[0]!.body)).toContain('+hello from the agent');
      const approval = await pending(h);
      expect(approval.subject).toMatchObject({ kind: 'diff', stepId: 'agent' });
      expect(approval.subject!.content).toContain('diff --git a/src/greeting.txt b/src/greeting.txt');
      expect(approval.subject!.content).toContain('+hello from the agent');

      const { run } = await h.runtime.api.call('runs.get', { id: runId });
      expect(run.status).toBe('awaiting_approval');
      await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve' });
      await runReaches(h, runId, ['succeeded']);
      expect(checkoutFingerprint(checkout)).toBe(before);
      // The project's config keeps its default, skipping push and pull request: the branch stays local.
      const { steps } = await h.runtime.api.call('runs.get', { id: runId });
      const output = steps.find((s) => s.stepId === 'agent' && s.status === 'complete')?.output;
      expect(output).toMatchObject({ worktree: { branch, push_pending: false, branch_kept: true } });
    },
  );

  it("rolls a rejected run back by deleting the branch with the agent's commit", { timeout: 120_000 }, async () => {
    const checkout = makeDirtyCheckout();
    const before = checkoutFingerprint(checkout);
    const h = await startHarness();
    const { taskId, runId } = await runTask(h, {
      title: 'Typo fixer',
      projectId: await projectFor(h, checkout),
      pipeline: {
        steps: [
          {
            id: 'agent',
            uses: 'agent.run',
            role: 'drafter',
            with: {
              cli: 'claude',
              prompt: 'Fix a typo',
              env: { PATH: `${bin}:${process.env.PATH}`, FAKE_AGENT_WRITE: 'README.md=Projet' },
            },
          },
          { id: 'review', uses: 'approval.request', with: { question: 'Keep it?' } },
        ],
      },
    });
    await runReaches(h, runId, ['awaiting_approval']);
    const branch = `aos/chore/${taskId.slice(0, 8)}`;
    expect(git(checkout, 'show', `${branch}:README.md`)).toBe('Projet\n');
    await h.runtime.api.call('approvals.decide', { id: (await pending(h)).id, decision: 'reject' });
    await runReaches(h, runId, ['failed']);
    const rolledBack = await h.runtime.api.call('runs.rollback', { runId });
    expect(rolledBack.steps).toEqual([{ stepId: 'agent', tool: 'agent.run', status: 'rolled_back' }]);
    expect(git(checkout, 'branch', '--list', branch)).toBe('');
    expect(checkoutFingerprint(checkout)).toBe(before);
  });

  it(
    'halts to the inbox when the agent asks for a tool outside its envelope; approving widens it for the run',
    { timeout: 120_000 },
    async () => {
      const checkout = makeDirtyCheckout();
      const record = join(makeTempDir(), 'calls.jsonl');
      const h = await startHarness();
      const { runId } = await runTask(h, {
        title: 'Test fixer',
        projectId: await projectFor(h, checkout),
        timeoutMs: 60_000,
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              with: {
                cli: 'claude',
                prompt: 'Fix the tests',
                permissions: { allowed_tools: ['Read', 'Edit'] },
                env: {
                  PATH: `${bin}:${process.env.PATH}`,
                  FAKE_AGENT_RECORD: record,
                  FAKE_AGENT_NEEDS: 'Bash(npm test)',
                },
              },
            },
          ],
        },
      });
      await runReaches(h, runId, ['awaiting_approval']);
      const approval = await pending(h);
      expect(approval.question).toContain('Bash(npm test)');
      expect(approval.question).toContain('may use Read, Edit');
      expect(approval.signals[0]).toMatchObject({ kind: 'permission', stepId: 'agent' });

      // Ten times the run's timeout passes while the person has not answered: the run still waits.
      h.clock.advance(600_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await h.runtime.api.call('runs.get', { id: runId })).run.status).toBe('awaiting_approval');

      await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve' });
      await runReaches(h, runId, ['succeeded']);
      const calls = recordedCalls(record);
      expect(calls).toHaveLength(2);
      expect(calls[1]!.argv).toEqual(expect.arrayContaining(['--allowedTools', 'Read,Edit,Bash(npm test)']));
      expect(worktreesLeft(h)).toEqual([]);
    },
  );

  it(
    'halts a prompt nobody will answer after stall_after_ms, long before the timeout, and stops the agent',
    { timeout: 120_000 },
    async () => {
      const checkout = makeDirtyCheckout();
      const record = join(makeTempDir(), 'calls.jsonl');
      const h = await startHarness();
      const { runId } = await runTask(h, {
        title: 'Release helper',
        projectId: await projectFor(h, checkout),
        timeoutMs: 120_000,
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              with: {
                cli: 'custom',
                command: join(bin, 'custom-agent'),
                prompt: 'Tag the release',
                stall_after_ms: 5_000,
                env: {
                  FAKE_AGENT_RECORD: record,
                  FAKE_AGENT_PROMPT: 'Allow git push to origin? [y/N]',
                },
              },
            },
          ],
        },
      });
      const { fakeMs } = await runReachesAdvancing(h, runId, ['awaiting_approval', 'timed_out', 'failed'], 500);
      expect((await h.runtime.api.call('runs.get', { id: runId })).run.status).toBe('awaiting_approval');
      expect(fakeMs).toBeLessThan(120_000);
      const approval = await pending(h);
      expect(approval.question).toContain('Allow git push to origin? [y/N]');
      expect(processIsGone(recordedCalls(record)[0]!.pid)).toBe(true);

      h.clock.advance(600_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await h.runtime.api.call('runs.get', { id: runId })).run.status).toBe('awaiting_approval');
      await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'reject' });
      await runReaches(h, runId, ['failed']);
      expect(worktreesLeft(h)).toEqual([]);
    },
  );

  it(
    "pushes the branch and opens a pull request only once the run has passed its review, as the project's config allows",
    { timeout: 120_000 },
    async () => {
      const checkout = makeDirtyCheckout();
      const before = checkoutFingerprint(checkout);
      const remote = makeTempDir('ridgeline-remote-');
      git(remote, 'init', '-q', '--bare');
      git(checkout, 'remote', 'add', 'origin', remote);
      const ghRecord = join(makeTempDir(), 'gh.txt');
      const ghBin = makeTempDir('ridgeline-gh-');
      writeFileSync(
        join(ghBin, 'gh'),
        `#!/bin/sh\necho "$@" >> '${ghRecord}'\necho https://github.example/acme/app/pull/7\n`,
      );
      chmodSync(join(ghBin, 'gh'), 0o755);
      process.env.PATH = `${ghBin}:${pathBefore}`;
      const record = join(makeTempDir(), 'calls.jsonl');
      const h = await startHarness();
      const { taskId, runId } = await runTask(h, {
        title: 'Build fixer',
        projectId: await projectFor(h, checkout, { skipGitPush: false, skipPrCreation: false }),
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              with: {
                cli: 'codex',
                prompt: 'Fix the build',
                permissions: { sandbox: 'workspace-write', ask_for_approval: 'on-request' },
                env: {
                  PATH: `${bin}:${process.env.PATH}`,
                  FAKE_AGENT_RECORD: record,
                  FAKE_AGENT_NEEDS: 'make build',
                  FAKE_AGENT_WRITE: 'Makefile=build:',
                },
              },
            },
            { id: 'review', uses: 'approval.request', with: { question: 'Ship the build fix?' } },
          ],
        },
      });
      // Codex waits for an answer forever; no fake time passes, so no timeout can be what stopped it.
      const { fakeMs } = await runReaches(h, runId, ['awaiting_approval']);
      expect(fakeMs).toBe(0);
      expect(processIsGone(recordedCalls(record)[0]!.pid)).toBe(true);
      const approval = await pending(h);
      expect(approval.question).toContain('run: make build');
      await h.runtime.api.call('approvals.decide', { id: approval.id, decision: 'approve' });
      // The agent has committed; while its work waits for review nothing has left the machine.
      await runReaches(h, runId, ['awaiting_approval']);
      const branch = `aos/chore/${taskId.slice(0, 8)}`;
      expect(git(checkout, 'show', `${branch}:Makefile`)).toBe('build:\n');
      expect(git(remote, 'branch', '--list')).toBe('');
      expect(existsSync(ghRecord)).toBe(false);
      const review = await pending(h);
      expect(review.question).toBe('Ship the build fix?');
      await h.runtime.api.call('approvals.decide', { id: review.id, decision: 'approve' });
      await runReaches(h, runId, ['succeeded']);

      const calls = recordedCalls(record);
      expect(calls[0]!.argv.slice(0, 3)).toEqual(['--ask-for-approval', 'on-request', 'exec']);
      expect(calls[0]!.argv).toEqual(expect.arrayContaining(['--sandbox', 'workspace-write']));
      expect(calls[1]!.argv).toEqual(expect.arrayContaining(['--sandbox', 'danger-full-access']));
      expect(git(remote, 'show', `${branch}:Makefile`)).toBe('build:\n');
      expect(readFileSync(ghRecord, 'utf8')).toContain(`pr create --head ${branch}`);
      const { steps } = await h.runtime.api.call('runs.get', { id: runId });
      const output = steps.find((s) => s.stepId === 'agent' && s.status === 'complete')?.output as {
        worktree: Record<string, unknown>;
      };
      expect(output.worktree).toMatchObject({ branch, push_pending: true, files: ['Makefile'], branch_kept: true });
      const logs = await h.runtime.api.call('runs.logs', { id: runId });
      expect(logs.map((l) => l.message)).toEqual(
        expect.arrayContaining([
          `pushed ${branch} to origin: the run succeeded`,
          'opened the pull request https://github.example/acme/app/pull/7',
        ]),
      );
      expect(checkoutFingerprint(checkout)).toBe(before);
    },
  );
});

describe('publishing after the run', () => {
  it(
    'fails the run, naming the step, when the push fails; the commit can then be rolled back',
    {
      timeout: 120_000,
    },
    async () => {
      const checkout = makeDirtyCheckout();
      const before = checkoutFingerprint(checkout);
      const h = await startHarness();
      // Pushing is allowed, but the checkout has no origin to push to.
      const { taskId, runId } = await runTask(h, {
        title: 'Docs fixer',
        projectId: await projectFor(h, checkout, { skipGitPush: false }),
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              with: {
                cli: 'claude',
                prompt: 'Fix the docs',
                env: { PATH: `${bin}:${process.env.PATH}`, FAKE_AGENT_WRITE: 'README.md=Docs' },
              },
            },
          ],
        },
      });
      const { run } = await runReaches(h, runId, ['failed', 'succeeded']);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({
        reason: 'step agent could not finish after the run succeeded',
        signals: expect.arrayContaining(['step=agent', 'after=run_succeeded']),
      });
      expect(run.error!.error).toMatch(/^git push failed/);
      const branch = `aos/chore/${taskId.slice(0, 8)}`;
      const rolledBack = await h.runtime.api.call('runs.rollback', { runId });
      expect(rolledBack.steps).toEqual([{ stepId: 'agent', tool: 'agent.run', status: 'rolled_back' }]);
      expect(git(checkout, 'branch', '--list', branch)).toBe('');
      expect(checkoutFingerprint(checkout)).toBe(before);
    },
  );
});

describe('the permission envelope when the task is saved', () => {
  it('refuses another CLI’s settings and templates, naming the field', { timeout: 120_000 }, async () => {
    const h = await startHarness();
    const projectId = await projectFor(h, makeDirtyCheckout());
    const create = (permissions: unknown) =>
      h.runtime.api.call('tasks.create', {
        title: 'Chore',
        projectId,
        pipeline: { steps: [{ id: 'agent', uses: 'agent.run', with: { cli: 'claude', prompt: 'x', permissions } }] },
      } as never);
    await expect(create({ sandbox: 'read-only' })).rejects.toThrow(
      /steps\[0\]\.with\.permissions\.sandbox: is a codex setting; claude takes allowed_tools, permission_mode/,
    );
    await expect(create({ allowed_tools: ['${params.tools}'] })).rejects.toThrow(
      /steps\[0\]\.with\.permissions: must be written out, not a template/,
    );
    await expect(create({ permission_mode: 'yolo' })).rejects.toThrow(/steps\[0\]\.with\.permissions\.permission_mode/);
  });
});
