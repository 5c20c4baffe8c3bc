// The run page's progress: what this run's task.progress steps said, kept current while it runs.
import { useLiveCall } from '../../api/use-live-call';
import { ProgressList } from './progress-list';

export function RunProgress({ taskId, runId, timeZone }: { taskId: string; runId: string; timeZone: string }) {
  const progress = useLiveCall(
    'tasks.progress',
    { taskId, runId, limit: 100 },
    {
      refetchOn: (message) =>
        (message.event === 'run:log' && message.data.runId === runId) ||
        (message.event === 'run:updated' && message.data.run.id === runId),
      throttleMs: 1000,
    },
  );
  if (!progress.value || progress.value.items.length === 0) return null;
  return (
    <>
      <h3 className="run-section-title">Progress</h3>
      <ProgressList items={progress.value.items} timeZone={timeZone} />
    </>
  );
}
