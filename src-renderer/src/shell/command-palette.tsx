// The command palette (Ctrl/Cmd+K): jump to any page, task or recent run, or act on a task (run now,
// pause, resume) and create one, all from the keyboard. Tasks are searched on the host, so every task
// is reachable, not only those the board shows.
import { Command } from 'cmdk';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import type { BoardTask, RunSummary } from '../api/contract-types';
import { useLiveCall } from '../api/use-live-call';
import { Dialog } from '../components/dialog';
import { useFocusReturn } from '../components/use-focus-return';
import { useTaskTitles } from '../features/runs/use-task-titles';
import { taskFormHash } from '../features/board/board-view';
import { useDisplayTimeZone } from '../lib/display-timezone';
import { pageHash, runHash, type PageName } from '../lib/hash-route';
import { formatRunTime, runStatusLabels } from '../lib/run-format';
import { goTo } from '../lib/use-route';
import { columnTitles } from '../lib/vocabulary';

const MATCHES = 8;

const pageItems: { page: Exclude<PageName, 'run'>; label: string }[] = [
  { page: 'board', label: 'Board' },
  { page: 'runs', label: 'Runs' },
  { page: 'activity', label: 'Activity' },
  { page: 'spend', label: 'Spend' },
  { page: 'graph', label: 'Graph' },
  { page: 'approvals', label: 'Approvals' },
  { page: 'settings', label: 'Settings' },
];

const NO_TASKS: BoardTask[] = [];
const NO_RUNS: RunSummary[] = [];

export function CommandPalette({ onClose }: { onClose(): void }) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  useFocusReturn();
  const input = useRef<HTMLInputElement>(null);
  // After the dialog opened, which focuses its first control (the close button).
  useEffect(() => input.current?.focus(), []);
  const search = query.trim();
  // Never the previous search's tasks: Enter must not act on a task the typed words no longer name.
  const tasks = useLiveCall('tasks.list', { search: search || undefined, limit: MATCHES }, {});
  const runs = useLiveCall('runs.list', { limit: MATCHES }, {});
  const taskItems = tasks.value?.items ?? NO_TASKS;
  const runItems = runs.value?.items ?? NO_RUNS;
  const { titles } = useTaskTitles();
  const titleOf = (taskId: string) => titles.get(taskId) ?? `Task ${taskId.slice(0, 8)}`;

  const shownPages = pageItems.filter((p) => matches(search, `${p.label} page go`));

  const go = (hash: string) => {
    onClose();
    goTo(hash);
  };
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Dialog title="Command palette" onClose={onClose}>
      <Command label="Command palette" className="palette" loop shouldFilter={false}>
        <Command.Input
          className="palette-input"
          placeholder="Jump to a page, task or run, or type a command"
          value={query}
          onValueChange={setQuery}
          ref={input}
        />
        {error && (
          <p className="field-error palette-error" role="alert">
            {error}
          </p>
        )}
        <Command.List className="palette-list" label="Commands">
          {!tasks.loading && <Command.Empty className="palette-empty">Nothing matches “{search}”.</Command.Empty>}
          {/* All of a search's items appear at once, so the first is the one selected, not whichever
              arrived first. */}
          {tasks.loading ? (
            <Command.Loading label="Searching tasks">Searching…</Command.Loading>
          ) : (
            <>
              <Command.Group heading="Actions">
                {matches(search, 'new task create') && (
                  <Command.Item value="action:new-task" onSelect={() => go(taskFormHash('new'))}>
                    New task
                  </Command.Item>
                )}
                {/* Acting on a task needs its name typed: listing them for every recent task is noise. */}
                {(search ? taskItems : NO_TASKS).flatMap((task) => [
                  <Command.Item
                    key={`run-${task.id}`}
                    value={`run:${task.id}`}
                    onSelect={() =>
                      void act(async () => {
                        const run = await api.call('tasks.runNow', { id: task.id });
                        goTo(runHash(run.id));
                      })
                    }
                  >
                    Run “{task.title}” now
                  </Command.Item>,
                  <Command.Item
                    key={`pause-${task.id}`}
                    value={`${task.paused ? 'resume' : 'pause'}:${task.id}`}
                    onSelect={() =>
                      void act(async () => {
                        await api.call(task.paused ? 'tasks.resume' : 'tasks.pause', { id: task.id });
                      })
                    }
                  >
                    {task.paused ? 'Resume' : 'Pause'} “{task.title}”
                  </Command.Item>,
                ])}
              </Command.Group>
              <Command.Group heading="Pages" hidden={shownPages.length === 0}>
                {shownPages.map((p) => (
                  <Command.Item key={p.page} value={`page:${p.page}`} onSelect={() => go(pageHash(p.page))}>
                    Go to {p.label}
                  </Command.Item>
                ))}
              </Command.Group>
              <Command.Group heading="Tasks">
                {taskItems.map((task) => (
                  <Command.Item key={task.id} value={`task:${task.id}`} onSelect={() => go(taskFormHash(task.id))}>
                    <span className="palette-title">{task.title}</span>
                    <span className="palette-detail">{columnTitles[task.column]}</span>
                  </Command.Item>
                ))}
              </Command.Group>
              <Command.Group heading="Recent runs">
                {runItems
                  .filter((run) => matches(search, `${titleOf(run.taskId)} ${run.id} ${run.status} run`))
                  .map((run) => (
                    <Command.Item key={run.id} value={`run-page:${run.id}`} onSelect={() => go(runHash(run.id))}>
                      <span className="palette-title">{titleOf(run.taskId)}</span>
                      <span className="palette-detail">
                        {runStatusLabels[run.status]} · {formatRunTime(run.queuedAt, timeZone)}
                      </span>
                    </Command.Item>
                  ))}
              </Command.Group>
            </>
          )}
        </Command.List>
      </Command>
    </Dialog>
  );
}

/** Every word typed appears in the item's words (the host already matched tasks by their fields). */
function matches(search: string, words: string): boolean {
  const haystack = words.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
