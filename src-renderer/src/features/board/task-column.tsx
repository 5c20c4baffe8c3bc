// One column of the board with its true count from the host. Only the cards in view are in the page
// (TanStack Virtual), so a column of thousands scrolls like one of ten, and the cards past the board's
// first page of the column are asked from the host as they scroll into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef } from 'react';
import type { BoardTask, TaskColumn as Column } from '../../api/contract-types';
import { columnTitles } from '../../lib/vocabulary';
import { TaskCard } from './task-card';
import { useColumnPages } from './use-column-pages';

const CARD_ESTIMATE_PX = 150;

interface TaskColumnProps {
  column: Column;
  tasks: readonly BoardTask[];
  /** Tasks in this column over the whole view, of which `tasks` are the first. */
  count: number;
  /** The board's tasks.list input as JSON, to ask for the column's later pages. */
  listKey: string;
  /** Changes with each answer of the board's list (see useColumnPages). */
  revision: unknown;
  /** The cards are narrowed to a search the host has not answered yet; the count is the last answer's. */
  pending: boolean;
  taskTitle(id: string): string | undefined;
  onOpen(id: string): void;
}

function ColumnCards({
  column,
  tasks,
  count,
  listKey,
  revision,
  pending,
  taskTitle,
  onOpen,
  label,
}: TaskColumnProps & { label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  // While narrowed to a draft search only the narrowed cards show; the count belongs to the last answer.
  const slots = pending ? tasks.length : Math.max(count, tasks.length);
  // A later page may repeat a task the first page holds (it moved meanwhile), so its slots key by place.
  // Stable while the tasks are, so the virtualizer does not measure thousands of slots anew on each render.
  const itemKey = useCallback((index: number) => (index < tasks.length ? tasks[index]!.id : `slot-${index}`), [tasks]);
  // The virtualizer re-renders this component itself as it scrolls; the cards inside are memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: slots,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_ESTIMATE_PX,
    getItemKey: itemKey,
    overscan: 4,
    gap: 8,
  });
  const items = virtualizer.getVirtualItems();
  const laterTask = useColumnPages({
    listKey,
    column,
    revision,
    first: items[0]?.index ?? 0,
    last: items.at(-1)?.index ?? 0,
  });
  return (
    <div className="column-scroller" ref={scroller}>
      <ul className="column-cards" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const task = item.index < tasks.length ? tasks[item.index] : laterTask(item.index);
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="column-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {task ? (
                <TaskCard task={task} taskTitle={taskTitle} onOpen={onOpen} />
              ) : (
                <div className="card card-placeholder" data-testid="card-placeholder">
                  Loading…
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ColumnSection(props: TaskColumnProps) {
  const { column, tasks, count, pending } = props;
  const headingId = `column-${column}-title`;
  return (
    <section className={`column column-${column}`} aria-labelledby={headingId} data-testid={`column-${column}`}>
      <h2 id={headingId} className="column-title">
        {columnTitles[column]}
        <span
          className={`column-count${pending ? ' column-count-pending' : ''}`}
          data-testid="column-count"
          aria-label={`${count} tasks`}
        >
          {count.toLocaleString('en-US')}
        </span>
      </h2>
      {tasks.length > 0 ? (
        <ColumnCards {...props} label={`${columnTitles[column]} tasks`} />
      ) : (
        <p className="column-empty">{pending ? 'Searching…' : 'Nothing here'}</p>
      )}
    </section>
  );
}

export const TaskColumn = memo(ColumnSection);
