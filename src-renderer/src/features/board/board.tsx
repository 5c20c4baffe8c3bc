// The task board: tasks in columns by status, kept live, with the task form for new and edited tasks.
// The search comes from the address (#/board?q=…), which the header's search box writes.
import { useCallback, useMemo, useState } from 'react';
import type { Task } from '../../api/contract-types';
import { boardStatuses } from '../../lib/vocabulary';
import { TaskFormDialog } from '../task-form/task-form-dialog';
import { NeedsAttention } from '../approvals/needs-attention';
import { BoardHeader } from './board-header';
import { TaskColumn } from './task-column';
import { tasksWithStatus } from './tasks-state';
import { useBoardTasks } from './use-board-tasks';
import { useLatestRuns } from './use-latest-runs';

/** Which task the form is open for: a new one, or an existing one by id (so it stays live). */
type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

export function Board({ search }: { search: string }) {
  const board = useBoardTasks(search);
  const [editing, setEditing] = useState<Editing>(null);
  const latestRuns = useLatestRuns();
  const taskTitle = useCallback((id: string) => board.tasks.get(id)?.title, [board.tasks]);

  const allTasks = useMemo(() => [...board.tasks.values()], [board.tasks]);
  const editedTask = editing?.kind === 'edit' ? (board.tasks.get(editing.id) ?? null) : null;

  return (
    <>
      <BoardHeader onNewTask={() => setEditing({ kind: 'new' })} taskTitle={taskTitle} />
      <div className="board-main">
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
        {board.loaded && board.tasks.size === 0 && (
          <div className="empty-state" data-testid="empty-state">
            {board.search ? (
              <p>No tasks match “{board.search}”.</p>
            ) : (
              <>
                <p className="empty-title">No tasks yet</p>
                <p>Create your first task with the New task button.</p>
              </>
            )}
          </div>
        )}
        {board.loaded && board.tasks.size > 0 && (
          <div className="columns">
            {boardStatuses.map((status) => (
              <TaskColumn
                key={status}
                status={status}
                tasks={tasksWithStatus(board.tasks, status)}
                latestRuns={latestRuns}
                taskTitle={taskTitle}
                onOpen={(task: Task) => setEditing({ kind: 'edit', id: task.id })}
              />
            ))}
          </div>
        )}
        {board.loaded && board.total > board.tasks.size && (
          <p className="board-note">
            Showing {board.tasks.size} of {board.total} tasks; search to narrow them down.
          </p>
        )}
      </div>
      {editing && (
        <TaskFormDialog
          task={editedTask}
          boardTasks={allTasks}
          isNew={editing.kind === 'new'}
          wasDeleted={editing.kind === 'edit' && !editedTask}
          onSaved={board.saved}
          onDeleted={board.removed}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
