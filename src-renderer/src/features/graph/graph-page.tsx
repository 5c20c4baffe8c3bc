// The Graph page: each task with the tasks it waits for and the tasks that wait for it, as lists.
import { useMemo } from 'react';
import type { Task } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

const NONE: Task[] = [];

function Names({ ids, titles }: { ids: string[]; titles: Map<string, string> }) {
  if (ids.length === 0) return <span className="muted">none</span>;
  return <>{ids.map((id) => titles.get(id) ?? id).join(', ')}</>;
}

export function GraphPage() {
  const live = useLiveCall(
    'tasks.list',
    { sort: 'title', limit: 500 },
    { refetchOn: ['task:created', 'task:updated', 'task:deleted'], throttleMs: 1000 },
  );
  const tasks = live.value?.items ?? NONE;
  const { titles, dependents } = useMemo(() => {
    const dependents = new Map<string, string[]>();
    for (const t of tasks) for (const d of t.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), t.id]);
    return { titles: new Map(tasks.map((t) => [t.id, t.title])), dependents };
  }, [tasks]);
  const linked = tasks.filter((t) => t.dependsOn.length > 0 || dependents.has(t.id));

  return (
    <section className="graph-page" aria-labelledby="graph-title">
      <div className="page-heading">
        <h2 id="graph-title" className="page-title">
          Graph
        </h2>
        <span className="muted">
          {linked.length} of {live.value?.total ?? tasks.length} tasks have dependencies
        </span>
      </div>
      {live.error && (
        <p className="banner banner-error" role="alert">
          Could not load tasks: {live.error.message}
        </p>
      )}
      {live.value && linked.length === 0 && (
        <p className="empty-state">No task depends on another. A task’s form sets what it waits for.</p>
      )}
      <ul className="dependency-list" aria-label="Dependencies">
        {linked.map((task) => (
          <li key={task.id} className="dependency-item" data-testid="dependency-item">
            <span className="dependency-title">{task.title}</span>
            <span>
              Waits for: <Names ids={task.dependsOn} titles={titles} />
            </span>
            <span>
              Needed by: <Names ids={dependents.get(task.id) ?? []} titles={titles} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
