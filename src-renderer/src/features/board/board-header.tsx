// The board's top bar: name, the New task and Templates buttons, the search box, the scheduler's
// state, the queue summary and the live-updates indicator.
import { useEffect, useState } from 'react';
import { ConnectionIndicator } from '../../components/connection-indicator';
import { GalleryLauncher } from '../gallery/gallery-launcher';
import type { ConnectionStatus } from '../../api/transport';
import { QueueSummary } from './queue-summary';
import { SchedulerControl } from './scheduler-control';

const SEARCH_DEBOUNCE_MS = 250;

interface BoardHeaderProps {
  connection: ConnectionStatus;
  onSearch(search: string): void;
  onNewTask(): void;
  taskTitle(taskId: string): string | undefined;
}

export function BoardHeader({ connection, onSearch, onNewTask, taskTitle }: BoardHeaderProps) {
  const [text, setText] = useState('');

  // Waits for a pause in typing so each keystroke does not cost a list request.
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);

  return (
    <header className="topbar">
      <h1 className="brand">Ridgeline</h1>
      <button type="button" className="button button-primary" onClick={onNewTask}>
        New task
      </button>
      <GalleryLauncher />
      <div className="search">
        <label htmlFor="task-search" className="visually-hidden">
          Search tasks
        </label>
        <input
          id="task-search"
          type="search"
          placeholder="Search tasks"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <SchedulerControl />
      <QueueSummary taskTitle={taskTitle} />
      <a className="button" href="#settings">
        Settings
      </a>
      <ConnectionIndicator status={connection} />
    </header>
  );
}
