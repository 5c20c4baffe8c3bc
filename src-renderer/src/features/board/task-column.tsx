// One status column of the board, with its count.
import type { Run, Task, TaskStatus } from '../../api/contract-types';
import { statusTitles } from '../../lib/vocabulary';
import { TaskCard } from './task-card';

interface TaskColumnProps {
  status: TaskStatus;
  tasks: Task[];
  latestRuns: ReadonlyMap<string, Run>;
  /** A task's title by id, when the board lists it. */
  taskTitle(id: string): string | undefined;
  onOpen(task: Task): void;
}

export function TaskColumn({ status, tasks, latestRuns, taskTitle, onOpen }: TaskColumnProps) {
  const headingId = `column-${status}-title`;
  return (
    <section className={`column column-${status}`} aria-labelledby={headingId} data-testid={`column-${status}`}>
      <h2 id={headingId} className="column-title">
        {statusTitles[status]}
        <span className="column-count" data-testid="column-count" aria-label={`${tasks.length} tasks`}>
          {tasks.length}
        </span>
      </h2>
      {tasks.length > 0 ? (
        <ul className="column-cards">
          {tasks.map((task) => (
            <TaskCard
              key={task.id}
              task={task}
              latestRun={latestRuns.get(task.id)}
              taskTitle={taskTitle}
              onOpen={onOpen}
            />
          ))}
        </ul>
      ) : (
        <p className="column-empty">Nothing here</p>
      )}
    </section>
  );
}
