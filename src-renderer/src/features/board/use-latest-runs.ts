// Each task's latest run, for the dot on its card: one runs.list of the newest runs per
// (re)connection, then kept current from run:queued / run:updated. No call per card.
import type { Run } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

const SEED_LIMIT = 200;

function newer(a: Run, b: Run | undefined): boolean {
  return !b || a.id === b.id || a.queuedAt >= b.queuedAt;
}

export function withRuns(current: ReadonlyMap<string, Run>, runs: Run[]): Map<string, Run> {
  const next = new Map(current);
  for (const run of runs) if (newer(run, next.get(run.taskId))) next.set(run.taskId, run);
  return next;
}

const NO_RUNS: ReadonlyMap<string, Run> = new Map();

export function useLatestRuns(): ReadonlyMap<string, Run> {
  // Errors are not shown: the dots are a nicety, and the board reports connection trouble itself.
  const { value } = useLiveCall<'runs.list', ReadonlyMap<string, Run>>(
    'runs.list',
    { limit: SEED_LIMIT },
    {
      // Oldest first, so the newest run of each task is the one left standing.
      select: (page, _input, previous) => withRuns(previous ?? NO_RUNS, page.items.slice().reverse()),
      apply: (current, message) =>
        message.event === 'run:queued' || message.event === 'run:updated'
          ? withRuns(current, [message.data.run])
          : current,
    },
  );
  return value ?? NO_RUNS;
}
