// Narrows the cards the board already has to what is being typed, so a keystroke shows at once,
// before the host's answer (which also reads descriptions and project names, and every task, not
// only the loaded ones) replaces them with the true cards and counts.
import { useMemo } from 'react';
import type { BoardTask, TaskColumn } from '../../api/contract-types';

type ByColumn = Readonly<Record<TaskColumn, readonly BoardTask[]>>;

/** The host's search, as far as a card knows it: a case-blind part of its title, type or a tag. */
export function cardMatches(task: BoardTask, text: string): boolean {
  if (!text) return true;
  const wanted = text.toLowerCase();
  return (
    task.title.toLowerCase().includes(wanted) ||
    task.taskType.toLowerCase().includes(wanted) ||
    task.tags.some((tag) => tag.toLowerCase().includes(wanted))
  );
}

export interface NarrowedBoard {
  byColumn: ByColumn;
  /** The box holds a search the host has not answered yet: the cards are a first guess. */
  pending: boolean;
}

/**
 * `answered` is the search the host's cards answer; `typed` is the box's text (null when the board
 * stands alone). The cards themselves are memoized, so narrowing repaints only the cards that come
 * into view.
 */
export function useNarrowedColumns(byColumn: ByColumn, answered: string, typed: string | null): NarrowedBoard {
  const text = typed?.trim() ?? answered;
  const pending = text !== answered;
  const narrowed = useMemo(() => {
    if (!pending) return byColumn;
    const next = { ...byColumn };
    for (const column of Object.keys(byColumn) as TaskColumn[]) {
      next[column] = byColumn[column].filter((task) => cardMatches(task, text));
    }
    return next;
  }, [byColumn, pending, text]);
  return { byColumn: narrowed, pending };
}
