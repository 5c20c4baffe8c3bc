// One task on the board: what it is, how urgent, its schedule in words, when it runs next (in the
// display timezone), why it waits, and how its last run went and cost. Memoized: a card re-renders
// only when what it shows changed, so a push about one task repaints one card.
import { memo } from 'react';
import type { BoardTask } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { dependencySummary } from '../../lib/dependency-format';
import { formatCost, formatRunTime, runStatusLabels } from '../../lib/run-format';
import { formatNextRun } from '../../lib/schedule-format';
import { formatInstant } from '../../lib/time';
import { hoursSummary } from '../../lib/hours-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { priorityLabels } from '../../lib/vocabulary';
import { RunStatusBadge } from '../runs/run-status-badge';
import { DeadlineBadge } from '../memory/deadline-notice';
import { sameCard } from './tasks-state';

/** Tags beyond these are counted, and named in the count's tooltip, so a card keeps its height. */
const MAX_TAGS = 3;

interface TaskCardProps {
  task: BoardTask;
  /** A task's title by id, when the board lists it. */
  taskTitle(id: string): string | undefined;
  onOpen(id: string): void;
}

function LastRun({ run, timeZone }: { run: NonNullable<BoardTask['lastRun']>; timeZone: string }) {
  return (
    <span className="card-line card-last-run" data-testid="card-last-run">
      <span className="visually-hidden">Last run: </span>
      <RunStatusBadge status={run.status} />
      {run.finishedAt && (
        <time dateTime={run.finishedAt} className="card-muted">
          {formatRunTime(run.finishedAt, timeZone)}
        </time>
      )}
      {run.costUsd > 0 && <span className="card-cost">{formatCost(run.costUsd)}</span>}
    </span>
  );
}

function Card({ task, taskTitle, onOpen }: TaskCardProps) {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
  const hoursLine = task.estimatedHours === null ? null : hoursSummary(task.actualHours, task.estimatedHours);
  const lastRunLabel = task.lastRun ? `, last run ${runStatusLabels[task.lastRun.status].toLowerCase()}` : '';
  const deadlineLabel = task.deadlineState ? `, ${task.deadlineState === 'overdue' ? 'overdue' : 'at risk'}` : '';
  return (
    <button
      type="button"
      className="card"
      data-testid="task-card"
      data-task-id={task.id}
      data-column={task.column}
      aria-label={`${task.title}${deadlineLabel}${lastRunLabel}`}
      onClick={() => onOpen(task.id)}
    >
      <span className="card-title">{task.title}</span>
      <span className="card-badges">
        <span className={`badge badge-priority-${task.priority}`}>{priorityLabels[task.priority]}</span>
        <span className="badge badge-type">{task.taskType}</span>
        {task.paused && <span className="badge badge-paused">Paused</span>}
        {task.tags.slice(0, MAX_TAGS).map((tag) => (
          <span key={tag} className="badge badge-tag">
            <span className="visually-hidden">Tag </span>
            {tag}
          </span>
        ))}
        {task.tags.length > MAX_TAGS && (
          <span className="badge badge-tag" title={task.tags.slice(MAX_TAGS).join(', ')}>
            +{task.tags.length - MAX_TAGS}
          </span>
        )}
        {task.deadlineState && (
          <DeadlineBadge state={task.deadlineState} deadline={task.deadline} timeZone={timeZone} />
        )}
      </span>
      {task.paused && task.pausedReason && (
        <span className="card-line card-waiting card-paused-reason" data-testid="card-paused-reason">
          {task.pausedReason}
        </span>
      )}
      {task.waitingReason && (
        <span className="card-line card-waiting" data-testid="card-waiting">
          {task.waitingReason}
        </span>
      )}
      <span className="card-line card-schedule" data-testid="card-schedule">
        {task.scheduleText}
      </span>
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
      {hoursLine && (
        <span className="card-line card-muted" data-testid="card-hours">
          {hoursLine}
        </span>
      )}
      {task.lastRun && <LastRun run={task.lastRun} timeZone={timeZone} />}
    </button>
  );
}

export const TaskCard = memo(
  Card,
  (before, after) =>
    before.onOpen === after.onOpen && before.taskTitle === after.taskTitle && sameCard(before.task, after.task),
);
