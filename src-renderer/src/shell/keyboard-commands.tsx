// Listens for the keyboard shortcuts on the whole app and opens what they ask: the command palette,
// the shortcuts list, the search box, a new task, or a page ("g" then a letter).
import { useEffect, useRef, useState } from 'react';
import { taskFormHash } from '../features/board/board-view';
import { pageHash } from '../lib/hash-route';
import { goTo } from '../lib/use-route';
import { CommandPalette } from './command-palette';
import { ShortcutsDialog } from './shortcuts-dialog';
import { shortcutFor } from './shortcuts';

/** How long "g" waits for its second key. */
const G_WINDOW_MS = 1500;

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}

export function KeyboardCommands() {
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  const pendingG = useRef(Number.NEGATIVE_INFINITY);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Inside an open dialog only the palette key counts, so typing in a form stays typing.
      const inDialog = event.target instanceof Element && event.target.closest('dialog[open]') !== null;
      const command = shortcutFor(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          inTextField: inTextField(event.target) || inDialog,
        },
        pendingG.current > event.timeStamp - G_WINDOW_MS,
      );
      pendingG.current = Number.NEGATIVE_INFINITY;
      if (!command) return;
      event.preventDefault();
      switch (command.kind) {
        case 'palette':
          setOpen((current) => (current === 'palette' ? null : 'palette'));
          return;
        case 'help':
          setOpen('help');
          return;
        case 'search':
          document.getElementById('task-search')?.focus();
          return;
        case 'new-task':
          goTo(taskFormHash('new'));
          return;
        case 'go':
          goTo(pageHash(command.page));
          return;
        case 'pending-g':
          pendingG.current = event.timeStamp;
          return;
        default: {
          const unknown: never = command;
          throw new Error(`no handler for ${String(unknown)}`);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (open === 'palette') return <CommandPalette onClose={() => setOpen(null)} />;
  if (open === 'help') return <ShortcutsDialog onClose={() => setOpen(null)} />;
  return null;
}
