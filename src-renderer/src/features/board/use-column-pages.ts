// A column's tasks past the first page the board loads: asked from the host a page at a time as
// they scroll into view (tasks.list with the view's filters, this column, offset and limit), so
// every one of thousands can be reached while the board itself holds only the first of each column.
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { BoardTask, CallInput, TaskColumn } from '../../api/contract-types';
import { PER_COLUMN } from './use-board-tasks';

export interface ColumnPagesInput {
  /** The board's tasks.list input as JSON: its filters, search and sort. */
  listKey: string;
  column: TaskColumn;
  /** Changes with each of the board's answers: pages read before it are asked again when in view,
   * and shown as they were meanwhile, so a push costs nothing until a page is looked at. */
  revision: unknown;
  /** The first and last index in view. */
  first: number;
  last: number;
}

interface LoadedPage {
  round: number;
  items: readonly BoardTask[];
}

const noPages: ReadonlyMap<number, LoadedPage> = new Map();

/** Answers the task at an index past the board's own first page, or undefined while it loads. */
export function useColumnPages({ listKey, column, revision, first, last }: ColumnPagesInput) {
  const api = useApi();
  const key = `${column}:${listKey}`;
  const [pages, setPages] = useState({ key, byPage: noPages });
  const [seen, setSeen] = useState({ revision, round: 0 });
  if (seen.revision !== revision) setSeen({ revision, round: seen.round + 1 });
  const round = seen.revision === revision ? seen.round : seen.round + 1;
  const byPage = pages.key === key ? pages.byPage : noPages;

  const liveKey = useRef(key);
  const asking = useRef(new Set<string>());
  useEffect(() => {
    liveKey.current = key;
  }, [key]);

  useEffect(() => {
    for (let page = Math.max(1, Math.floor(first / PER_COLUMN)); page <= Math.floor(last / PER_COLUMN); page++) {
      if (byPage.get(page)?.round === round) continue;
      const ask = `${key}|${round}|${page}`;
      if (asking.current.has(ask)) continue;
      asking.current.add(ask);
      const input = JSON.parse(listKey) as CallInput<'tasks.list'>;
      const pageInput = { ...input, perColumn: undefined, column: [column], offset: page * PER_COLUMN };
      api
        .call('tasks.list', { ...pageInput, limit: PER_COLUMN })
        .then(
          (answer) => {
            if (liveKey.current !== key) return;
            setPages((prev) => {
              const kept = new Map(prev.key === key ? prev.byPage : noPages);
              kept.set(page, { round, items: answer.items });
              return { key, byPage: kept };
            });
          },
          // A page that failed stays a placeholder and is asked again when it next comes into view.
          () => undefined,
        )
        .finally(() => asking.current.delete(ask));
    }
  }, [api, key, listKey, column, round, first, last, byPage]);

  return (index: number): BoardTask | undefined =>
    byPage.get(Math.floor(index / PER_COLUMN))?.items[index % PER_COLUMN];
}
