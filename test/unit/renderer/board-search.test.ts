import { describe, expect, it } from 'vitest';
import type { BoardTask } from '../../../src-renderer/src/api/contract-types';
import { cardMatches } from '../../../src-renderer/src/features/board/search-narrowing';

const card = (extra: Partial<BoardTask>) =>
  ({ id: 't', title: 'Nightly backup', taskType: 'ops', tags: ['Home', 'weekly'], ...extra }) as BoardTask;

describe('narrowing the loaded cards to a typed search', () => {
  it('matches a part of the title, the type or a tag, ignoring case, as the host does', () => {
    expect(cardMatches(card({}), 'BACK')).toBe(true);
    expect(cardMatches(card({}), 'op')).toBe(true);
    expect(cardMatches(card({}), 'home')).toBe(true);
    expect(cardMatches(card({}), 'eekl')).toBe(true);
  });

  it('keeps every card for an empty search and drops a card nothing of which matches', () => {
    expect(cardMatches(card({}), '')).toBe(true);
    expect(cardMatches(card({}), 'invoice')).toBe(false);
  });
});
