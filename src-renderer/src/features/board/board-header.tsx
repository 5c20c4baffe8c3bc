// The board's toolbar under the app header: the New task and Templates buttons, the scheduler's
// state and the queue summary.
import { GalleryLauncher } from '../gallery/gallery-launcher';
import { QueueSummary } from './queue-summary';
import { SchedulerControl } from './scheduler-control';

interface BoardHeaderProps {
  onNewTask(): void;
  taskTitle(taskId: string): string | undefined;
}

export function BoardHeader({ onNewTask, taskTitle }: BoardHeaderProps) {
  return (
    <div className="page-toolbar board-toolbar" role="toolbar" aria-label="Board">
      <button type="button" className="button button-primary" onClick={onNewTask}>
        New task
      </button>
      <GalleryLauncher />
      <SchedulerControl />
      <QueueSummary taskTitle={taskTitle} />
    </div>
  );
}
