// One column of the board with its true count from the host. Only the cards in view are in the page
// (TanStack Virtual), so a column of thousands scrolls like one of ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { BoardTask, TaskColumn as Column } from '../../api/contract-types';
import { columnTitles } from '../../lib/vocabulary';
import { TaskCard } from './task-card';

const CARD_ESTIMATE_PX = 150;

interface TaskColumnProps {
  column: Column;
  tasks: readonly BoardTask[];
  /** Tasks in this column over the whole view, of which `tasks` are the first. */
  count: number;
  taskTitle(id: string): string | undefined;
  onOpen(id: string): void;
}

function ColumnCards({
  tasks,
  taskTitle,
  onOpen,
  label,
}: Omit<TaskColumnProps, 'column' | 'count'> & { label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders this component itself as it scrolls; the cards inside are memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_ESTIMATE_PX,
    getItemKey: (index) => tasks[index]!.id,
    overscan: 4,
    gap: 8,
  });
  return (
    <div className="column-scroller" ref={scroller}>
      <ul className="column-cards" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <li
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="column-slot"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <TaskCard task={tasks[item.index]!} taskTitle={taskTitle} onOpen={onOpen} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ColumnSection({ column, tasks, count, taskTitle, onOpen }: TaskColumnProps) {
  const headingId = `column-${column}-title`;
  return (
    <section className={`column column-${column}`} aria-labelledby={headingId} data-testid={`column-${column}`}>
      <h2 id={headingId} className="column-title">
        {columnTitles[column]}
        <span className="column-count" data-testid="column-count" aria-label={`${count} tasks`}>
          {count.toLocaleString('en-US')}
        </span>
      </h2>
      {tasks.length > 0 ? (
        <ColumnCards tasks={tasks} taskTitle={taskTitle} onOpen={onOpen} label={`${columnTitles[column]} tasks`} />
      ) : (
        <p className="column-empty">Nothing here</p>
      )}
      {count > tasks.length && (
        <p className="column-more" data-testid="column-more">
          First {tasks.length.toLocaleString('en-US')} of {count.toLocaleString('en-US')}: filter or search to narrow
        </p>
      )}
    </section>
  );
}

export const TaskColumn = memo(ColumnSection);
