// A coding agent's branch leaves the machine only once the whole run has succeeded: the steps after
// the agent (a verifier, an approval) judge its commit first. The push and the pull request are
// written down with the commit (its rollback data) and done by afterRunSucceeded, which a run that
// is resumed after a crash does again: pushing the same commit again changes nothing, and a pull
// request that already exists is taken as opened.
import { execFile } from 'node:child_process';
import { z } from 'zod';
import { gitIn } from './agent-worktree';
import { childEnvironment } from './shell';
import { ToolError, type ToolContext } from './tool';

export const agentCommitRecord = z.object({
  repo_dir: z.string(),
  branch: z.string(),
  commit: z.string(),
  base_commit: z.string(),
  created_branch: z.boolean(),
  /** What the project allowed when the step ran; absent in records from before publishing waited. */
  publish: z.object({ push: z.boolean(), pull_request: z.boolean() }).optional(),
});
export type AgentCommitRecord = z.output<typeof agentCommitRecord>;

/** The record, read back; `doing` names what it was read for in the error. */
export function readCommitRecord(raw: unknown, doing: string): AgentCommitRecord {
  const parsed = agentCommitRecord.safeParse(raw);
  if (!parsed.success) throw new ToolError('permanent', `agent.run ${doing}: its commit record is not readable`);
  return parsed.data;
}

/**
 * Throws unless the branch still points at the agent's commit: what was recorded is acted on only
 * while it is still what the repository holds. `what` starts the error ("cannot undo …").
 */
export async function expectBranchAtCommit(record: AgentCommitRecord, what: string): Promise<void> {
  const ref = `refs/heads/${record.branch}`;
  const tip = (await gitIn(record.repo_dir, ['rev-parse', '--verify', '--quiet', ref]).catch(() => '')).trim();
  if (tip !== record.commit) {
    throw new ToolError(
      'permanent',
      `${what}: ${record.branch} now points at ${tip.slice(0, 12) || 'nothing'}, not the agent's commit ` +
        record.commit.slice(0, 12),
    );
  }
}

/** Opening a pull request needs the project's config to say skipPrCreation: false, like a push. */
export function pullRequestAllowed(config: Record<string, unknown>): boolean {
  return (config.skipPrCreation ?? config.skip_pr_creation) === false;
}

/** Pushes the agent's branch and opens its pull request, as the project allowed when it ran. */
export async function publishAgentBranch(raw: unknown, context: ToolContext): Promise<void> {
  const record = readCommitRecord(raw, 'publish');
  if (!record.publish?.push) return;
  await expectBranchAtCommit(record, 'not pushed');
  await gitIn(record.repo_dir, ['push', '--set-upstream', 'origin', `${record.branch}:${record.branch}`]);
  context.log({ stream: 'system', message: `pushed ${record.branch} to origin: the run succeeded` });
  if (record.publish.pull_request) await openPullRequest(record, context);
}

/** `gh pr create` in the repository, never prompting; one that exists already counts as opened. */
function openPullRequest(record: AgentCommitRecord, context: ToolContext): Promise<void> {
  const args = [
    'pr',
    'create',
    '--head',
    record.branch,
    '--title',
    `${context.task.title} (${record.branch})`,
    '--body',
    `Changes made by a coding agent in run ${context.runId} of "${context.task.title}".`,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'gh',
      args,
      { cwd: record.repo_dir, env: childEnvironment({ GH_PROMPT_DISABLED: '1', GIT_TERMINAL_PROMPT: '0' }) },
      (error, stdout, stderr) => {
        const said = String(stderr).trim().split('\n').slice(-3).join(' / ');
        if (error && !/already exists/i.test(said)) {
          return reject(new ToolError('permanent', `opening the pull request failed: ${said || error.message}`));
        }
        const url = /https?:\/\/\S+/.exec(error ? said : String(stdout))?.[0] ?? '';
        context.log({ stream: 'system', message: `opened the pull request ${url}`.trim() });
        resolve();
      },
    );
  });
}
