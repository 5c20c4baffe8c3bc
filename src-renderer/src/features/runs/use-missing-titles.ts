// Titles of the tasks a page shows that the first 500 (useTaskTitles) do not include: with thousands
// of tasks most runs and events belong to one of the others, and a row should name its task, not
// print its id. Each missing task is asked once (tasks.get) when a row needing it is in view.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';

export function useMissingTitles(needed: readonly string[], known: ReadonlyMap<string, string>): Map<string, string> {
  const api = useApi();
  const [fetched, setFetched] = useState<ReadonlyMap<string, string>>(new Map());
  const asked = useRef(new Set<string>());
  const missing = [...new Set(needed)].filter((id) => !known.has(id) && !fetched.has(id)).join(' ');

  useEffect(() => {
    for (const id of missing ? missing.split(' ') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      api.call('tasks.get', { id }).then(
        (task) => setFetched((before) => new Map(before).set(id, task.title)),
        // A deleted task keeps its id on the row.
        () => undefined,
      );
    }
  }, [api, missing]);

  return useMemo(() => new Map([...fetched, ...known]), [fetched, known]);
}
