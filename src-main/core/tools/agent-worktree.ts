// The git worktree a coding-agent step works in: a checkout of the project's repository on the
// task's branch (aos/{task_type}/{task_id[:8]}) under the data directory, so the agent never
// touches the user's own checkout. Its diff against the commit it started from is what the verifier
// and the approval see; the worktree is removed when the step ends, the branch kept when it has
// commits. Each worktree is written down before it is created (StepWorktreeRecorder) so that the
// next start removes what a crashed host left (queue/leftover-worktrees.ts).
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { childEnvironment } from './shell';
import { ToolError } from './tool';
import type { AgentWorktree, StepWorktreeRecorder } from './worktree-types';

// git must fail instead of waiting for a password nobody can type.
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0' };
const GIT_TIMEOUT_MS = 2 * 60 * 1000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** git with an argv (never a shell), the scrubbed environment and no prompt; rejects with what git said. */
export function gitIn(dir: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: dir, env: childEnvironment(GIT_ENV), timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const said = String(stderr).trim().split('\n').slice(-3).join(' / ') || error.message;
        reject(new ToolError('permanent', `git ${args[0]} failed in ${dir}: ${said}`, { args }));
      },
    );
  });
}

async function probe(dir: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await gitIn(dir, args)).trim();
  } catch {
    return undefined;
  }
}

/** A worktree folder name from the run and step: readable, and unique per attempt. */
function folderName(runId: string, stepId: string, now: number): string {
  const step = stepId.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'step';
  return `${runId.slice(0, 8)}-${step}-${now.toString(36)}`;
}

export interface OpenWorktree {
  repoDir: string;
  branch: string;
  runId: string;
  stepId: string;
  now: number;
  recorder: StepWorktreeRecorder;
}

/**
 * Creates the worktree on `branch` (from the checkout's HEAD when the branch is new), written down
 * first. Returns it with the function that removes it and forgets it.
 */
export async function openAgentWorktree(
  request: OpenWorktree,
): Promise<{ worktree: AgentWorktree; close: () => Promise<{ branchKept: boolean }> }> {
  const { repoDir, branch, recorder } = request;
  const branchTip = await probe(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  const head = branchTip ?? (await probe(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']));
  if (!head) {
    throw new ToolError(
      'permanent',
      `the repository at ${repoDir} has no commits yet; a coding agent works on a branch of an existing commit`,
    );
  }
  const worktree: AgentWorktree = {
    repoDir,
    path: join(recorder.root, folderName(request.runId, request.stepId, request.now)),
    branch,
    baseCommit: head,
    createdBranch: branchTip === undefined,
  };
  const forget = recorder.opened({ ...worktree, runId: request.runId, stepId: request.stepId });
  try {
    await gitIn(
      repoDir,
      worktree.createdBranch
        ? ['worktree', 'add', '-b', branch, worktree.path, head]
        : ['worktree', 'add', worktree.path, branch],
    );
  } catch (error) {
    await removeAgentWorktree(worktree);
    forget();
    throw error;
  }
  return {
    worktree,
    close: async () => {
      const result = await removeAgentWorktree(worktree);
      forget();
      return result;
    },
  };
}

/**
 * Removes the worktree (whatever state it is in) and deletes the branch when the step created it
 * and it has no commits of its own. Safe to call on a worktree that is half made or already gone.
 */
export async function removeAgentWorktree(worktree: AgentWorktree): Promise<{ branchKept: boolean }> {
  await probe(worktree.repoDir, ['worktree', 'remove', '--force', worktree.path]);
  await rm(worktree.path, { recursive: true, force: true });
  await probe(worktree.repoDir, ['worktree', 'prune']);
  const ahead = await probe(worktree.repoDir, [
    'rev-list',
    '--count',
    `${worktree.baseCommit}..refs/heads/${worktree.branch}`,
  ]);
  if (ahead === undefined) return { branchKept: false };
  if (worktree.createdBranch && ahead === '0') {
    await probe(worktree.repoDir, ['branch', '-D', worktree.branch]);
    return { branchKept: false };
  }
  return { branchKept: true };
}

export interface WorktreeDiff {
  /** The agent's changes against the base commit, new files included; cut at `maxBytes`. */
  diff: string;
  files: string[];
  truncated: boolean;
}

/** Stages everything in the worktree and diffs it against the commit the worktree started from. */
export async function worktreeDiff(worktree: AgentWorktree, maxBytes: number): Promise<WorktreeDiff> {
  await gitIn(worktree.path, ['add', '-A']);
  const base = worktree.baseCommit;
  const full = await gitIn(worktree.path, ['diff', '--cached', '--no-color', '--no-ext-diff', base]);
  const names = await gitIn(worktree.path, ['diff', '--cached', '--name-only', base]);
  const bytes = Buffer.byteLength(full);
  const truncated = bytes > maxBytes;
  const diff = truncated
    ? `${Buffer.from(full).subarray(0, maxBytes).toString('utf8')}\n[diff truncated: ${bytes - maxBytes} more bytes]`
    : full;
  return { diff, files: names.split('\n').filter(Boolean), truncated };
}

/** Commits what is staged in the worktree; null when nothing is. Uses a fallback identity where git has none. */
export async function commitWorktree(worktree: AgentWorktree, message: string): Promise<string | null> {
  const nothing = await probe(worktree.path, ['diff', '--cached', '--quiet']);
  if (nothing !== undefined) return null;
  const hasIdentity = (await probe(worktree.path, ['config', '--get', 'user.email'])) !== undefined;
  const identity = hasIdentity ? [] : ['-c', 'user.name=Ridgeline', '-c', 'user.email=ridgeline@localhost'];
  await gitIn(worktree.path, [...identity, 'commit', '-m', message]);
  return (await gitIn(worktree.path, ['rev-parse', 'HEAD'])).trim();
}
