// The task board: tasks in the columns the host derives from their runs, kept live, filtered and
// sorted by the view in the address, with the task form for new and edited tasks.
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useCall } from '../../api/use-call';
import { useFocusReturn } from '../../components/use-focus-return';
import { pageHash } from '../../lib/hash-route';
import { replaceHash } from '../../lib/use-route';
import { boardColumns } from '../../lib/vocabulary';
import { TaskFormDialog } from '../task-form/task-form-dialog';
import { NeedsAttention } from '../approvals/needs-attention';
import { BoardFilters } from './board-filters';
import { BoardHeader } from './board-header';
import { useSearchDraft } from '../../shell/search-draft';
import { boardListInput, boardViewQuery, isFiltered, type BoardView } from './board-view';
import { useNarrowedColumns } from './search-narrowing';
import { TaskColumn } from './task-column';
import { PER_COLUMN, useBoardTasks } from './use-board-tasks';
import { useEditedTask } from './use-edited-task';

/** Puts focus back on what opened the form (a card, a button) when it closes, or on the task's card. */
function FocusReturn({ taskId }: { taskId: string }) {
  useFocusReturn(() => document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"]`));
  return null;
}

export function Board({ view }: { view: BoardView }) {
  const board = useBoardTasks(view);
  const edited = useEditedTask(view.task);
  const viewRef = useRef(view);
  const tasksRef = useRef(board.tasks);
  useLayoutEffect(() => {
    viewRef.current = view;
    tasksRef.current = board.tasks;
  });
  // The form's task lives in the address, so a link opens it and a reload keeps it open.
  const onEdit = useCallback(
    (task: string) => replaceHash(pageHash('board', boardViewQuery({ ...viewRef.current, task }))),
    [],
  );
  const projects = useCall('projects.list', {});
  // Stable, so a push does not re-render every card through a new callback.
  const taskTitle = useCallback((id: string) => tasksRef.current.get(id)?.title, []);
  // The header's queue names tasks as they load, so its lookup changes with the tasks.
  const headerTitle = useCallback((id: string) => board.tasks.get(id)?.title, [board.tasks]);
  const allTasks = useMemo(() => [...board.tasks.values()], [board.tasks]);
  const taskTypes = useMemo(() => [...new Set(allTasks.map((t) => t.taskType))].sort(), [allTasks]);
  const tags = useMemo(() => [...new Set(allTasks.flatMap((t) => t.tags))].sort(), [allTasks]);
  const typed = useSearchDraft();
  const narrowed = useNarrowedColumns(board.byColumn, board.search, typed);
  const shown = Object.values(narrowed.byColumn).reduce((sum, tasks) => sum + tasks.length, 0);
  const total = narrowed.pending ? shown : Object.values(board.columns).reduce((sum, n) => sum + n, 0);
  const listKey = JSON.stringify(boardListInput(view, PER_COLUMN));

  return (
    <>
      <BoardHeader onNewTask={() => onEdit('new')} taskTitle={headerTitle} />
      <BoardFilters
        view={view}
        projects={projects.status === 'done' ? projects.value : []}
        taskTypes={taskTypes}
        tags={tags}
      />
      <div className="board-main" data-testid="board" aria-busy={board.loading || narrowed.pending}>
        {board.loadError && (
          <div className="banner banner-error" role="alert">
            Could not load tasks: {board.loadError.message}{' '}
            <button type="button" className="link-button" onClick={() => void board.refetch()}>
              Retry
            </button>
          </div>
        )}
        <NeedsAttention />
        {!board.loaded && !board.loadError && <p className="board-loading">Loading tasks…</p>}
        {board.loaded && total === 0 && narrowed.pending && (
          <p className="board-loading" data-testid="searching">
            Searching…
          </p>
        )}
        {board.loaded && total === 0 && !narrowed.pending && (
          <div className="empty-state" data-testid="empty-state">
            {isFiltered(view) ? (
              <p>{view.q.trim() ? `No tasks match “${view.q.trim()}”.` : 'No tasks match these filters.'}</p>
            ) : (
              <>
                <p className="empty-title">No tasks yet</p>
                <p>Create your first task with the New task button.</p>
              </>
            )}
          </div>
        )}
        {board.loaded && total > 0 && (
          <div className="columns">
            {boardColumns
              .filter((column) => !view.column || view.column === column)
              .map((column) => (
                <TaskColumn
                  key={column}
                  column={column}
                  tasks={narrowed.byColumn[column]}
                  count={board.columns[column]}
                  listKey={listKey}
                  revision={board.columns}
                  pending={narrowed.pending}
                  taskTitle={taskTitle}
                  onOpen={onEdit}
                />
              ))}
          </div>
        )}
      </div>
      {edited.state !== 'none' && edited.state !== 'loading' && (
        <FocusReturn key={`focus-${view.task}`} taskId={view.task} />
      )}
      {edited.state !== 'none' && edited.state !== 'loading' && (
        <TaskFormDialog
          key={view.task}
          task={edited.state === 'open' ? edited.task : null}
          deadlineState={board.tasks.get(view.task)?.deadlineState ?? null}
          boardTasks={allTasks}
          isNew={edited.state === 'new'}
          wasDeleted={edited.state === 'missing'}
          onSaved={board.changed}
          onDeleted={board.changed}
          onClose={() => onEdit('')}
        />
      )}
    </>
  );
}
