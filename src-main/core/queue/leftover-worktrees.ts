// At start, once what a dead host's steps left running is stopped and before any run resumes: the
// worktrees its coding-agent steps worked in are removed (their branches too when they have no
// commits of their own), so a crash leaves no worktree behind and the resumed step can check the
// task's branch out again.
import type { Logger } from '../lib/logger';
import type { Store } from '../store';
import { removeAgentWorktree } from '../tools/agent-worktree';

/** True when a host that died left worktrees recorded. */
export function hasLeftoverWorktrees(store: Store): boolean {
  return store.agentWorktrees.any();
}

/** Removes every recorded worktree, says so in the timeline, and forgets the rows; returns how many. */
export async function removeLeftoverWorktrees(deps: { store: Store; logger: Logger }): Promise<number> {
  const { store, logger } = deps;
  const rows = store.agentWorktrees.list();
  for (const row of rows) {
    const { branchKept } = await removeAgentWorktree(row);
    const message =
      `Removed the worktree of the step '${row.stepId}' left by the host that stopped` +
      (branchKept ? `; branch ${row.branch} kept` : `, and its empty branch ${row.branch}`);
    logger.warn(message, { runId: row.runId, path: row.path });
    const run = store.runs.get(row.runId);
    store.write((tx) => {
      tx.record({
        type: 'run:worktree-removed',
        taskId: run?.taskId ?? null,
        runId: run?.id ?? null,
        summary: message,
        payload: { stepId: row.stepId, path: row.path, branch: row.branch, branchKept },
      });
      store.agentWorktrees.remove(row.id);
    });
  }
  return rows.length;
}
