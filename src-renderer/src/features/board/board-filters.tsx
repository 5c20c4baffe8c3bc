// The board's filters and sort, written to the address as they change (replacing the entry, so back
// leaves the board rather than stepping through every choice).
import type { ReactNode } from 'react';
import type { Project } from '../../api/contract-types';
import { pageHash } from '../../lib/hash-route';
import { replaceHash } from '../../lib/use-route';
import { boardColumns, columnTitles, priorityLabels, priorityOptions } from '../../lib/vocabulary';
import {
  boardSortLabels,
  boardSorts,
  boardViewQuery,
  defaultBoardView,
  isFiltered,
  type BoardView,
} from './board-view';

interface BoardFiltersProps {
  view: BoardView;
  projects: readonly Project[];
  /** Task types seen on the board, offered as the type filter's suggestions. */
  taskTypes: readonly string[];
  /** Tags seen on the board, offered as the tag filter's suggestions. */
  tags: readonly string[];
}

function Filter({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function BoardFilters({ view, projects, taskTypes, tags }: BoardFiltersProps) {
  const set = (change: Partial<BoardView>) => replaceHash(pageHash('board', boardViewQuery({ ...view, ...change })));
  return (
    <div className="page-toolbar filters board-filters" role="group" aria-label="Filter tasks">
      <Filter id="board-filter-column" label="Column">
        <select
          id="board-filter-column"
          value={view.column ?? ''}
          onChange={(e) => set({ column: (e.target.value || null) as BoardView['column'] })}
        >
          <option value="">All columns</option>
          {boardColumns.map((c) => (
            <option key={c} value={c}>
              {columnTitles[c]}
            </option>
          ))}
        </select>
      </Filter>
      <Filter id="board-filter-type" label="Type">
        <input
          id="board-filter-type"
          list="board-task-types"
          value={view.type}
          placeholder="Any type"
          onChange={(e) => set({ type: e.target.value })}
        />
        <datalist id="board-task-types">
          {taskTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </Filter>
      <Filter id="board-filter-tag" label="Tag">
        <input
          id="board-filter-tag"
          list="board-task-tags"
          value={view.tag}
          placeholder="Any tag"
          onChange={(e) => set({ tag: e.target.value })}
        />
        <datalist id="board-task-tags">
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </Filter>
      <Filter id="board-filter-priority" label="Priority">
        <select
          id="board-filter-priority"
          value={view.priority ?? ''}
          onChange={(e) => set({ priority: (e.target.value || null) as BoardView['priority'] })}
        >
          <option value="">Any priority</option>
          {priorityOptions.map((p) => (
            <option key={p} value={p}>
              {priorityLabels[p]}
            </option>
          ))}
        </select>
      </Filter>
      <Filter id="board-filter-project" label="Project">
        <select id="board-filter-project" value={view.project} onChange={(e) => set({ project: e.target.value })}>
          <option value="">Any project</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Filter>
      <label className="filter-check">
        <input type="checkbox" checked={view.failures} onChange={(e) => set({ failures: e.target.checked })} />
        Has failures
      </label>
      <Filter id="board-sort" label="Sort">
        <select id="board-sort" value={view.sort} onChange={(e) => set({ sort: e.target.value as BoardView['sort'] })}>
          {boardSorts.map((s) => (
            <option key={s} value={s}>
              {boardSortLabels[s]}
            </option>
          ))}
        </select>
      </Filter>
      {isFiltered(view) && (
        <button
          type="button"
          className="button button-small"
          onClick={() => set({ ...defaultBoardView, sort: view.sort, task: view.task })}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
