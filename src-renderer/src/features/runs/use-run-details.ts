// One run's details kept live: runs.get on open, then run:updated for the run and its attempts and
// run:log lines appended (deduplicated by line id, so lines fetched and pushed twice show once).
import type { PushMessage, RunView } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { mergeLogLines } from './log-lines';

function applyPush(runId: string, details: RunView, message: PushMessage): RunView {
  if (message.event === 'run:log' && message.data.runId === runId) {
    return { ...details, logs: mergeLogLines(details.logs, message.data.lines) };
  }
  if (message.event === 'run:updated') {
    const { run } = message.data;
    if (!details.attempts.some((a) => a.id === run.id || run.id === runId)) return details;
    const attempts = details.attempts.map((a) => (a.id === run.id ? run : a));
    return { ...details, attempts, run: run.id === runId ? run : details.run };
  }
  return details;
}

export function useRunDetails(runId: string) {
  const live = useLiveCall(
    'runs.get',
    { id: runId },
    {
      // A run that changed state may have written steps meanwhile; read them once more. Steps
      // start and end without a push of their own, but they log: a log line of the run asks too.
      refetchOn: (message, current) =>
        (message.event === 'run:updated' &&
          message.data.run.id === runId &&
          message.data.run.status !== current?.run.status) ||
        (message.event === 'run:log' && message.data.runId === runId),
      throttleMs: 1000,
      // runs.get sends a run's first 5,000 lines; lines pushed beyond them must stay.
      select: (fetched, _input, previous) => ({
        ...fetched,
        logs: mergeLogLines(fetched.logs, previous?.run.id === fetched.run.id ? previous.logs : []),
      }),
      apply: (details, message) => applyPush(runId, details, message),
    },
  );
  return { details: live.value ?? null, error: live.error?.message ?? null, refetch: live.refetch };
}
