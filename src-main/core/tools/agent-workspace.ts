// Where a coding agent works: a worktree of the project's repository on the task's branch, so the
// user's checkout is left exactly as it was (uncommitted and untracked changes included). When the
// agent is done its changes are committed on the branch and the worktree is removed; the branch is
// pushed and offered as a pull request, as the project's skipGitPush / skipPrCreation allow, only
// once the run has succeeded (agent-publish.ts).
import { z } from 'zod';
import { checkWorkDir } from '../projects/work-dir';
import { commitWorktree, gitIn, openAgentWorktree, worktreeDiff } from './agent-worktree';
import type { AgentWorktree } from './worktree-types';
import { DIFF_CAP_BYTES, pushAllowed, taskBranchName } from './git';
import { expectBranchAtCommit, pullRequestAllowed, readCommitRecord, type AgentCommitRecord } from './agent-publish';
import type { ToolContext } from './tool';

export const worktreeOutput = z.object({
  branch: z.string(),
  base_commit: z.string(),
  /** The commit made on the branch from the agent's changes; null when it changed nothing. */
  commit: z.string().nullable(),
  /** The agent's changes against base_commit, new files included. */
  diff: z.string(),
  diff_truncated: z.boolean(),
  files: z.array(z.string()),
  /** Whether the branch is pushed (and its pull request opened, if allowed) once the run succeeds. */
  push_pending: z.boolean(),
  /** Whether the branch is still there after the worktree was removed (it has commits). */
  branch_kept: z.boolean(),
});
export type WorktreeOutput = z.output<typeof worktreeOutput>;

export interface Workspace {
  cwd: string;
  /** Commits the agent's changes on the branch, then removes the worktree; null in place. */
  finish(): Promise<WorktreeOutput | null>;
  /** Removes the worktree and keeps nothing of it (the agent failed, halted or was stopped). */
  discard(): Promise<void>;
}

/** The agent's workspace for `dir`: a worktree of it when it is a git repository and isolation allows. */
export async function openWorkspace(
  request: { dir: string; isolation: 'worktree' | 'none' },
  context: ToolContext,
): Promise<Workspace> {
  const { dir } = request;
  const inPlace = (why: string): Workspace => {
    context.log({ stream: 'system', message: `the agent works in ${dir} itself: ${why}` });
    return { cwd: dir, finish: async () => null, discard: async () => undefined };
  };
  if (request.isolation === 'none') return inPlace('the step sets isolation to none');
  const recorder = context.services.worktrees;
  if (!recorder) return inPlace('no folder for worktrees is set up here');
  if (!checkWorkDir(dir).isGitRepo) return inPlace('it is not a git repository');
  const { worktree, close } = await openAgentWorktree({
    repoDir: dir,
    branch: taskBranchName(context.task),
    runId: context.runId,
    stepId: context.stepId,
    now: context.clock.now(),
    recorder,
  });
  context.log({
    stream: 'system',
    message:
      `the agent works in a worktree of ${dir} on branch ${worktree.branch} ` +
      `(from ${worktree.baseCommit.slice(0, 12)}), at ${worktree.path}`,
  });
  const remove = async (): Promise<boolean> => {
    const { branchKept } = await close();
    const branch = branchKept ? `; branch ${worktree.branch} kept` : ` and the empty branch ${worktree.branch}`;
    context.log({ stream: 'system', message: `removed the worktree${branch}` });
    return branchKept;
  };
  return {
    cwd: worktree.path,
    discard: async () => void (await remove()),
    async finish() {
      let output: Omit<WorktreeOutput, 'branch_kept'>;
      try {
        output = await publish(worktree, context);
      } catch (error) {
        await remove();
        throw error;
      }
      return { ...output, branch_kept: await remove() };
    },
  };
}

async function publish(worktree: AgentWorktree, context: ToolContext): Promise<Omit<WorktreeOutput, 'branch_kept'>> {
  const changes = await worktreeDiff(worktree, DIFF_CAP_BYTES);
  const message = `${context.task.title}: changes by the coding agent (step ${context.stepId}, run ${context.runId})`;
  const commit = changes.files.length > 0 ? await commitWorktree(worktree, message) : null;
  const config = context.project?.config ?? {};
  const pushLater = commit !== null && pushAllowed(config);
  if (commit) {
    context.services.recordRollback({
      repo_dir: worktree.repoDir,
      branch: worktree.branch,
      commit,
      base_commit: worktree.baseCommit,
      created_branch: worktree.createdBranch,
      publish: { push: pushLater, pull_request: pushLater && pullRequestAllowed(config) },
    } satisfies AgentCommitRecord);
  }
  context.log({
    stream: 'system',
    message: commit
      ? `committed ${changes.files.length} changed file(s) on ${worktree.branch} as ${commit.slice(0, 12)}`
      : 'the agent changed nothing',
  });
  if (pushLater) {
    context.log({ stream: 'system', message: `${worktree.branch} will be pushed to origin once the run succeeds` });
  } else if (commit) {
    context.log({ stream: 'system', message: `not pushed: the project's config skips git push` });
  }
  return {
    branch: worktree.branch,
    base_commit: worktree.baseCommit,
    commit,
    diff: changes.diff,
    diff_truncated: changes.truncated,
    files: changes.files,
    push_pending: pushLater,
  };
}

/**
 * Undoes the agent's commit on the task branch: deletes the branch the step created, or moves an
 * existing one back. Only while the branch still points at that commit; a push is not undone.
 */
export async function undoAgentCommit(raw: unknown, context: ToolContext): Promise<void> {
  const data = readCommitRecord(raw, 'rollback');
  await expectBranchAtCommit(data, `cannot undo the agent's commit ${data.commit.slice(0, 12)}`);
  if (data.created_branch) await gitIn(data.repo_dir, ['branch', '-D', data.branch]);
  else await gitIn(data.repo_dir, ['update-ref', `refs/heads/${data.branch}`, data.base_commit, data.commit]);
  context.log({
    stream: 'system',
    message: data.created_branch
      ? `deleted ${data.branch} with the agent's commit ${data.commit.slice(0, 12)}`
      : `moved ${data.branch} back to ${data.base_commit.slice(0, 12)}`,
  });
}
