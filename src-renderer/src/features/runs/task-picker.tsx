// A filter's task, picked by searching on the host, so any of thousands of tasks can be chosen (a
// drop-down of every task would not do): a button names the chosen task; it opens a search box and
// the matching tasks, by title, with "Any task" first. Keyboard: arrows, Enter, Escape.
import { Command } from 'cmdk';
import { useEffect, useRef, useState } from 'react';
import type { BoardTask } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { useMissingTitles } from './use-missing-titles';

const MATCHES = 20;
const NONE: BoardTask[] = [];

interface TaskPickerProps {
  id: string;
  label: string;
  /** The chosen task's id; '' for any task. */
  value: string;
  onChange(taskId: string): void;
  /** Titles already known (the first tasks by title); others are read when chosen. */
  titles: ReadonlyMap<string, string>;
}

export function TaskPicker({ id, label, value, onChange, titles }: TaskPickerProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const named = useMissingTitles(value ? [value] : [], titles);
  const chosen = value ? (named.get(value) ?? `Task ${value.slice(0, 8)}`) : 'Any';
  const close = (taskId?: string) => {
    setOpen(false);
    if (taskId !== undefined && taskId !== value) onChange(taskId);
    button.current?.focus();
  };

  return (
    <div className="filter task-picker">
      <label htmlFor={id}>{label}</label>
      <button
        ref={button}
        id={id}
        type="button"
        className="task-picker-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="task-picker-chosen">{chosen}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && <TaskSearch label={label} value={value} onClose={close} />}
    </div>
  );
}

function TaskSearch({ label, value, onClose }: { label: string; value: string; onClose(taskId?: string): void }) {
  const [query, setQuery] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const search = query.trim();
  const tasks = useLiveCall('tasks.list', { search: search || undefined, sort: 'title', limit: MATCHES }, {});
  const items = tasks.value?.items ?? NONE;

  useEffect(() => {
    const away = (event: PointerEvent) => {
      if (!box.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [onClose]);

  return (
    <div ref={box} className="task-picker-popover">
      <Command
        label={`${label}: search tasks`}
        loop
        shouldFilter={false}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <Command.Input
          autoFocus
          className="task-picker-input"
          placeholder="Search tasks…"
          value={query}
          onValueChange={setQuery}
        />
        <Command.List className="task-picker-list" label="Tasks">
          {tasks.loading && items.length === 0 && <Command.Loading label="Searching tasks">Searching…</Command.Loading>}
          {!search && (
            <Command.Item value="any" onSelect={() => onClose('')} data-chosen={value === ''}>
              Any task
            </Command.Item>
          )}
          {items.map((task) => (
            <Command.Item
              key={task.id}
              value={task.id}
              onSelect={() => onClose(task.id)}
              data-chosen={task.id === value}
            >
              {task.title}
            </Command.Item>
          ))}
          {!tasks.loading && search && items.length === 0 && (
            <Command.Empty className="task-picker-empty">No task matches “{search}”.</Command.Empty>
          )}
        </Command.List>
      </Command>
    </div>
  );
}
