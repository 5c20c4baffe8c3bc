// Writes down each worktree a coding-agent step works in (agent_worktrees) before it is made, and
// forgets it once it is removed. Rows left by a host that died are what recovery removes at the next
// start (queue/leftover-worktrees.ts).
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { StepWorktreeRecorder } from '../tools/worktree-types';

/** `root` is the data directory's folder for worktrees. */
export function createWorktreeRecorder(store: Store, clock: Clock, root: string): StepWorktreeRecorder {
  const rows = store.agentWorktrees;
  return {
    root,
    opened(worktree) {
      const id = store.write(() => rows.insert({ ...worktree, recordedAt: clock.now() }));
      return () => store.write(() => rows.remove(id));
    },
  };
}
