// What is typed in the header's search box, keystroke by keystroke, before it reaches the address.
// The board narrows the cards it already has with it at once, while the host's answer is on its way.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';

export interface SearchDraft {
  read(): string;
  write(text: string): void;
  watch(watcher: () => void): () => void;
}

function createSearchDraft(): SearchDraft {
  let text = '';
  const watchers = new Set<() => void>();
  return {
    read: () => text,
    write(next) {
      if (next === text) return;
      text = next;
      watchers.forEach((watcher) => watcher());
    },
    watch(watcher) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  };
}

const SearchDraftContext = createContext<SearchDraft | null>(null);

export function SearchDraftProvider({ children }: { children: ReactNode }) {
  const [draft] = useState(createSearchDraft);
  return <SearchDraftContext.Provider value={draft}>{children}</SearchDraftContext.Provider>;
}

/** The shared draft; outside a provider (a page rendered alone in a test) typing is not shared. */
export function useSearchDraftStore(): SearchDraft | null {
  return useContext(SearchDraftContext);
}

/** The search as typed, or null outside a provider. */
export function useSearchDraft(): string | null {
  const draft = useContext(SearchDraftContext);
  return useSyncExternalStore(
    (watcher) => draft?.watch(watcher) ?? (() => undefined),
    () => draft?.read() ?? null,
  );
}
