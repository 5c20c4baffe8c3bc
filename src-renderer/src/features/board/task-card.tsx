// One task on the board: what it is, how urgent, when it runs, how its last run went, and when it
// last changed.
import type { Run, Task } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatNextRun, scheduleSummary } from '../../lib/schedule-format';
import { dependencySummary } from '../../lib/dependency-format';
import { formatInstant } from '../../lib/time';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { priorityLabels } from '../../lib/vocabulary';
import { RunStatusDot } from '../runs/run-status-badge';

interface TaskCardProps {
  task: Task;
  /** The task's latest run, when the board has seen one. */
  latestRun: Run | undefined;
  /** A task's title by id, when the board lists it. */
  taskTitle(id: string): string | undefined;
  onOpen(task: Task): void;
}

export function TaskCard({ task, latestRun, taskTitle, onOpen }: TaskCardProps) {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
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
        {latestRun && <RunStatusDot status={latestRun.status} />}
        <span className="card-badges">
          <span className={`badge badge-priority-${task.priority}`}>{priorityLabels[task.priority]}</span>
          <span className="badge badge-type">{task.taskType}</span>
          {task.paused && <span className="badge badge-paused">Paused</span>}
        </span>
        <span className="card-line card-schedule">{scheduleSummary(task.schedule)}</span>
        {task.nextRunAt && (
          <span className="card-line" data-testid="card-next-run">
            Next:{' '}
            <time dateTime={task.nextRunAt} title={formatInstant(task.nextRunAt, timeZone)}>
              {formatNextRun(task.nextRunAt, timeZone, now)}
            </time>
          </span>
        )}
        {task.dependsOn.length > 0 && (
          <span className="card-line card-after" data-testid="card-after">
            {dependencySummary(task.dependsOn, taskTitle)}
          </span>
        )}
        <span className="card-line card-muted">
          Updated <time dateTime={task.updatedAt}>{formatInstant(task.updatedAt, timeZone)}</time>
        </span>
      </button>
    </li>
  );
}
