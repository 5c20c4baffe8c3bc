// Each task's latest run, for the dot on its card: one runs.list of the newest runs per
// (re)connection, then kept current from run:queued / run:updated. No call per card.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Run } from '../../api/contract-types';

const SEED_LIMIT = 200;

function newer(a: Run, b: Run | undefined): boolean {
  return !b || a.id === b.id || a.queuedAt >= b.queuedAt;
}

export function withRuns(current: ReadonlyMap<string, Run>, runs: Run[]): Map<string, Run> {
  const next = new Map(current);
  for (const run of runs) if (newer(run, next.get(run.taskId))) next.set(run.taskId, run);
  return next;
}

export function useLatestRuns(): ReadonlyMap<string, Run> {
  const api = useApi();
  const [latest, setLatest] = useState<ReadonlyMap<string, Run>>(new Map());

  useEffect(
    () =>
      api.listen({
        onMessage(message) {
          if (message.event !== 'run:queued' && message.event !== 'run:updated') return;
          const { run } = message.data;
          setLatest((current) => withRuns(current, [run]));
        },
        onStatus(status) {
          if (status !== 'live') return;
          api.call('runs.list', { limit: SEED_LIMIT }).then(
            // Oldest first, so the newest run of each task is the one left standing.
            (page) => setLatest((current) => withRuns(current, page.items.slice().reverse())),
            () => undefined, // The dots are a nicety; the board reports connection trouble itself.
          );
        },
      }),
    [api],
  );

  return latest;
}
