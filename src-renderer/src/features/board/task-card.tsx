// One task on the board: what it is, how urgent, when it runs, and when it last changed.
import type { Task } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatInstant } from '../../lib/time';
import { priorityLabels, scheduleKindLabels } from '../../lib/vocabulary';

export function scheduleSummary(task: Task): string {
  if (task.schedule.kind === 'manual') return 'Manual';
  const kind = scheduleKindLabels[task.schedule.kind];
  return task.schedule.expr ? `${kind}: ${task.schedule.expr}` : kind;
}

export function TaskCard({ task, onOpen }: { task: Task; onOpen(task: Task): void }) {
  const timeZone = useDisplayTimeZone();
  return (
    <li>
      <button
        type="button"
        className="card"
        data-testid="task-card"
        data-task-id={task.id}
        onClick={() => onOpen(task)}
      >
        <span className="card-title">{task.title}</span>
        <span className="card-badges">
          <span className={`badge badge-priority-${task.priority}`}>{priorityLabels[task.priority]}</span>
          <span className="badge badge-type">{task.taskType}</span>
          {task.paused && <span className="badge badge-paused">Paused</span>}
        </span>
        <span className="card-line">{scheduleSummary(task)}</span>
        {task.nextRunAt && (
          <span className="card-line">
            Next run <time dateTime={task.nextRunAt}>{formatInstant(task.nextRunAt, timeZone)}</time>
          </span>
        )}
        <span className="card-line card-muted">
          Updated <time dateTime={task.updatedAt}>{formatInstant(task.updatedAt, timeZone)}</time>
        </span>
      </button>
    </li>
  );
}
