// One run's details kept live: runs.get on open, then run:updated for the run and its attempts and
// run:log lines appended (deduplicated by line id, so lines fetched and pushed twice show once).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { RunDetails, RunLogLine } from '../../api/contract-types';
import { mergeLogLines } from './log-lines';

export function useRunDetails(runId: string) {
  const api = useApi();
  const [details, setDetails] = useState<RunDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Lines pushed before runs.get answered, merged into its answer.
  const early = useRef<RunLogLine[]>([]);
  const statusRef = useRef<string | null>(null);

  const refetch = useCallback(async () => {
    try {
      const fetched = await api.call('runs.get', { id: runId });
      setDetails((current) => ({
        ...fetched,
        logs: mergeLogLines(mergeLogLines(fetched.logs, early.current), current?.logs ?? []),
      }));
      early.current = [];
      statusRef.current = fetched.run.status;
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, runId]);

  useEffect(
    () =>
      api.listen({
        onMessage(message) {
          if (message.event === 'run:log' && message.data.runId === runId) {
            const { lines } = message.data;
            setDetails((current) => {
              if (!current) {
                early.current = mergeLogLines(early.current, lines);
                return current;
              }
              return { ...current, logs: mergeLogLines(current.logs, lines) };
            });
          }
          if (message.event === 'run:updated') {
            const { run } = message.data;
            // A run that changed state may have written steps meanwhile; read them once more.
            if (run.id === runId && run.status !== statusRef.current) {
              statusRef.current = run.status;
              void refetch();
            }
            setDetails((current) => {
              if (!current || !current.attempts.some((a) => a.id === run.id || run.id === runId)) return current;
              const attempts = current.attempts.map((a) => (a.id === run.id ? run : a));
              return { ...current, attempts, run: run.id === runId ? run : current.run };
            });
          }
        },
        onStatus(status) {
          if (status === 'live') void refetch();
        },
      }),
    [api, runId, refetch],
  );

  return { details, error, refetch };
}
