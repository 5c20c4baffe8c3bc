// The keyboard shortcuts, as a pure function from a key press (and a pending "g") to what it does,
// so the whole map is unit-tested and the help dialog lists the same table the handler reads.
import type { PageName } from '../lib/hash-route';

export type ShortcutCommand =
  | { kind: 'palette' }
  | { kind: 'search' }
  | { kind: 'new-task' }
  | { kind: 'help' }
  | { kind: 'go'; page: Exclude<PageName, 'run'> }
  | { kind: 'pending-g' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The press happened in a text field, where plain letters are typing, not commands. */
  inTextField: boolean;
}

export const pageJumps: Record<string, Exclude<PageName, 'run'>> = {
  b: 'board',
  r: 'runs',
  a: 'activity',
  s: 'spend',
  d: 'graph',
  p: 'approvals',
  ',': 'settings',
};

/** The help dialog's table: keys as shown, and what they do. */
export const shortcutList: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Ctrl K / ⌘ K', does: 'Open the command palette' },
  { keys: '/', does: 'Search tasks' },
  { keys: 'n', does: 'New task' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: 'g then b', does: 'Go to the board' },
  { keys: 'g then r', does: 'Go to runs' },
  { keys: 'g then a', does: 'Go to activity' },
  { keys: 'g then s', does: 'Go to spend' },
  { keys: 'g then d', does: 'Go to the dependency graph' },
  { keys: 'g then p', does: 'Go to approvals' },
  { keys: 'g then ,', does: 'Go to settings' },
  { keys: 'Esc', does: 'Close a dialog; focus goes back where it was' },
];

export function shortcutFor(press: KeyPress, pendingG: boolean): ShortcutCommand | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'k') return { kind: 'palette' };
  if (press.inTextField || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (pendingG) {
    const page = pageJumps[press.key.toLowerCase()];
    return page ? { kind: 'go', page } : null;
  }
  switch (press.key) {
    case '/':
      return { kind: 'search' };
    case 'n':
      return { kind: 'new-task' };
    case '?':
      return { kind: 'help' };
    case 'g':
      return { kind: 'pending-g' };
    default:
      return null;
  }
}
