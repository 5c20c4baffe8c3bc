// The task form's "Progress & context" tab: the task's progress log and its shared context (what
// its next run reads as ${context.…}), with the versions runs wrote and a reset.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { ContextVersionView } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatRunTime } from '../../lib/run-format';
import { ProgressList } from './progress-list';

function writer(version: ContextVersionView): string {
  if (!version.runId) return 'reset';
  return `run ${version.runId.slice(0, 8)}${version.stepId ? `, step ${version.stepId}` : ''}`;
}

function ContextVersions({ versions, timeZone }: { versions: readonly ContextVersionView[]; timeZone: string }) {
  return (
    <ol className="context-versions" aria-label="Earlier versions">
      {versions.map((v) => (
        <li key={v.version}>
          <details>
            <summary>
              Version {v.version} · {writer(v)} ·{' '}
              <time dateTime={v.createdAt}>{formatRunTime(v.createdAt, timeZone)}</time>
            </summary>
            <pre className="context-json">{JSON.stringify(v.document, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

export function TaskMemoryPanel({ taskId }: { taskId: string }) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const afterRuns = { refetchOn: ['run:updated', 'run:log'] as const, throttleMs: 1000 };
  const progress = useLiveCall('tasks.progress', { taskId, limit: 50 }, afterRuns);
  const context = useLiveCall('tasks.context', { taskId, versions: 10 }, afterRuns);
  const [resetError, setResetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = async () => {
    setBusy(true);
    setResetError(null);
    try {
      await api.call('tasks.resetContext', { taskId });
      await context.refetch();
    } catch (error) {
      setResetError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const current = context.value?.current ?? null;
  return (
    <div className="task-memory" data-testid="task-memory">
      <section aria-labelledby="memory-progress-title">
        <h3 id="memory-progress-title" className="run-section-title">
          Progress
        </h3>
        {progress.error && (
          <p className="banner banner-warning">Progress could not be loaded: {progress.error.message}</p>
        )}
        {progress.value && <ProgressList items={progress.value.items} timeZone={timeZone} />}
      </section>
      <section aria-labelledby="memory-context-title">
        <h3 id="memory-context-title" className="run-section-title">
          Shared context
        </h3>
        <p className="memory-hint">
          What runs of this task remember: steps read it as <code>{'${context.…}'}</code> and write it with a{' '}
          <code>context.set</code> step.
        </p>
        {context.error && (
          <p className="banner banner-warning">The context could not be loaded: {context.error.message}</p>
        )}
        {context.value && !current && <p className="memory-empty">Nothing remembered yet.</p>}
        {current && (
          <>
            <p className="context-current" data-testid="context-current">
              Version {current.version} · {writer(current)} ·{' '}
              <time dateTime={current.createdAt}>{formatRunTime(current.createdAt, timeZone)}</time>
            </p>
            <pre className="context-json" data-testid="context-json">
              {JSON.stringify(current.document, null, 2)}
            </pre>
            {context.value && context.value.versions.length > 1 && (
              <ContextVersions versions={context.value.versions.slice(1)} timeZone={timeZone} />
            )}
            <button type="button" className="button" disabled={busy} onClick={() => void reset()}>
              Reset context
            </button>
          </>
        )}
        {resetError && (
          <p className="form-error" role="alert">
            {resetError}
          </p>
        )}
      </section>
    </div>
  );
}
