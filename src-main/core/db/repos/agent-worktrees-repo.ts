// The agent_worktrees table: the git worktrees coding-agent steps work in, so that recovery after a
// crash can remove what a dead host's steps left (queue/leftover-worktrees.ts).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

export interface AgentWorktreeRow {
  id: number;
  runId: string;
  stepId: string;
  /** The project's checkout the worktree belongs to. */
  repoDir: string;
  path: string;
  branch: string;
  /** The commit the worktree started from: the agent's diff is taken against it. */
  baseCommit: string;
  /** Whether the step created the branch (an existing task branch is never deleted). */
  createdBranch: boolean;
  recordedAt: number;
}

export type NewAgentWorktree = Omit<AgentWorktreeRow, 'id'>;

interface Row extends Omit<AgentWorktreeRow, 'createdBranch'> {
  createdBranch: number;
}

export function createAgentWorktreesRepo(db: Database) {
  const columns = `id, run_id AS runId, step_id AS stepId, repo_dir AS repoDir, path, branch,
    base_commit AS baseCommit, created_branch AS createdBranch, recorded_at AS recordedAt`;
  const toRow = (r: Row): AgentWorktreeRow => ({ ...r, createdBranch: r.createdBranch === 1 });
  return {
    /** Returns the row's id, for remove(). */
    insert(row: NewAgentWorktree): number {
      const result = statement(
        db,
        `INSERT INTO agent_worktrees (run_id, step_id, repo_dir, path, branch, base_commit, created_branch, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        row.runId,
        row.stepId,
        row.repoDir,
        row.path,
        row.branch,
        row.baseCommit,
        row.createdBranch ? 1 : 0,
        row.recordedAt,
      );
      return Number(result.lastInsertRowid);
    },
    remove(id: number): void {
      statement(db, 'DELETE FROM agent_worktrees WHERE id = ?').run(id);
    },
    list(): AgentWorktreeRow[] {
      return statement<[], Row>(db, `SELECT ${columns} FROM agent_worktrees ORDER BY id`).all().map(toRow);
    },
    any(): boolean {
      return statement(db, 'SELECT EXISTS (SELECT 1 FROM agent_worktrees)').pluck().get() === 1;
    },
  };
}

export type AgentWorktreesRepo = ReturnType<typeof createAgentWorktreesRepo>;
