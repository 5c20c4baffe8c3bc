import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from '../../../src-renderer/src/shell/shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...extra,
});

describe('keyboard shortcuts', () => {
  it('opens the palette with Ctrl+K or Cmd+K, even while typing in a field', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }), false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('K', { metaKey: true, inTextField: true }), false)).toEqual({ kind: 'palette' });
  });

  it('leaves plain letters to a text field being typed in', () => {
    for (const key of ['/', 'n', '?', 'g']) expect(shortcutFor(press(key, { inTextField: true }), false)).toBeNull();
  });

  it('maps / to search, n to a new task and ? to the list of shortcuts', () => {
    expect(shortcutFor(press('/'), false)).toEqual({ kind: 'search' });
    expect(shortcutFor(press('n'), false)).toEqual({ kind: 'new-task' });
    expect(shortcutFor(press('?'), false)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('n', { ctrlKey: true }), false)).toBeNull();
  });

  it('jumps to a page with g then a letter, and forgets an unknown second key', () => {
    expect(shortcutFor(press('g'), false)).toEqual({ kind: 'pending-g' });
    expect(shortcutFor(press('r'), true)).toEqual({ kind: 'go', page: 'runs' });
    expect(shortcutFor(press('d'), true)).toEqual({ kind: 'go', page: 'graph' });
    expect(shortcutFor(press('z'), true)).toBeNull();
  });
});
