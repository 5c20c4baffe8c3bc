-- The git worktrees coding-agent steps work in, one row per worktree, written before the worktree is
-- created and removed once it is gone. A row still here at start belongs to a host that died:
-- recovery removes the worktree (and its branch when the branch has no commits of its own) before
-- any run resumes, so no worktree is left behind and the resumed step can check the branch out again.
-- No foreign key on run_id, as in step_processes: a worktree outlives a run deleted while the host
-- was down, and must still be removed.
CREATE TABLE agent_worktrees (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  repo_dir TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  branch TEXT NOT NULL,
  base_commit TEXT NOT NULL,
  created_branch INTEGER NOT NULL CHECK (created_branch IN (0, 1)),
  recorded_at INTEGER NOT NULL
) STRICT;
