// Timeline calls: the activity history the board and the notification centre read, and its read state.
import type { Store } from '../../store';
import type { ParsedInput } from '../contract';

export function createTimelineHandlers(store: Store) {
  return {
    'events.list': async (input: ParsedInput<'events.list'>) => {
      const items = store.events.list({ ...input, limit: input.limit + 1 });
      const more = items.length > input.limit;
      const page = more ? items.slice(0, input.limit) : items;
      return { items: page, nextBeforeId: more ? (page.at(-1)?.id ?? null) : null, unread: store.events.unreadCount() };
    },
    'events.markRead': async ({ ids, all }: ParsedInput<'events.markRead'>) => {
      const marked = store.write(() => (all ? store.events.markAllRead() : store.events.markRead(ids ?? [])));
      return { marked, unread: store.events.unreadCount() };
    },
  };
}
