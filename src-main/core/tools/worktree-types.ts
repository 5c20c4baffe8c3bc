// A coding agent's worktree as the step, the run's services and the store see it.

export interface AgentWorktree {
  /** The project's checkout the worktree belongs to. */
  repoDir: string;
  path: string;
  branch: string;
  /** The commit the worktree started from. */
  baseCommit: string;
  /** Whether the step created the branch: only such a branch is deleted when it stays empty. */
  createdBranch: boolean;
}

/** Writes a worktree down before it is created; returns the function that forgets it once removed. */
export interface StepWorktreeRecorder {
  /** Where worktrees are created: a folder of the data directory. */
  root: string;
  opened(worktree: AgentWorktree & { runId: string; stepId: string }): () => void;
}
