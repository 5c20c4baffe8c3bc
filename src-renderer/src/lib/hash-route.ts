// The board's addresses: each page has a hash route (#/runs, #/runs/<id>?…), so links, back and
// forward, a notification click and the tray all reach the same place. Pure, so it is unit-tested.
export const pages = ['board', 'runs', 'run', 'activity', 'spend', 'graph', 'approvals', 'settings'] as const;
export type PageName = (typeof pages)[number];

export interface Route {
  page: PageName | 'not_found';
  /** The run of the run page. */
  runId?: string;
  /** A page's view (filters, search) as written after `?`. */
  query: URLSearchParams;
}

const listPages: ReadonlySet<string> = new Set(pages.filter((p) => p !== 'run'));

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const query = new URLSearchParams(search);
  // "#settings" is the address older builds (and saved bookmarks) use for the Settings page.
  if (path === 'settings') return { page: 'settings', query };
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return { page: 'board', query };
  const [first, second] = segments;
  if (first === 'runs' && segments.length === 2) {
    try {
      return { page: 'run', runId: decodeURIComponent(second!), query };
    } catch {
      return { page: 'not_found', query };
    }
  }
  if (segments.length === 1 && listPages.has(first!)) return { page: first as PageName, query };
  return { page: 'not_found', query };
}

/** The hash of a page, with its view: `pageHash('runs', { status: 'failed' })` is "#/runs?status=failed". */
export function pageHash(page: Exclude<PageName, 'run'>, query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return `#/${page}${text ? `?${text}` : ''}`;
}

export function runHash(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}
