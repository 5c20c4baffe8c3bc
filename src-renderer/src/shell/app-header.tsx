// The sticky header on every page: the pages (with the unread and approvals badges), the task
// search, the theme toggle and the live-updates state. Below about 1000 px the pages fold into a
// menu, so no control is ever squeezed.
import { useEffect, useLayoutEffect, useState } from 'react';
import { ConnectionIndicator } from '../components/connection-indicator';
import { usePendingApprovals } from '../features/approvals/use-pending-approvals';
import { pageHash, type PageName, type Route } from '../lib/hash-route';
import { goTo, replaceHash } from '../lib/use-route';
import { useSearchDraftStore } from './search-draft';
import { useConnection } from './use-connection';
import { useTheme } from './theme';
import { useUnreadEvents } from './unread-events';

const SEARCH_DEBOUNCE_MS = 250;

const navItems: { page: Exclude<PageName, 'run'>; label: string }[] = [
  { page: 'board', label: 'Board' },
  { page: 'runs', label: 'Runs' },
  { page: 'activity', label: 'Activity' },
  { page: 'spend', label: 'Spend' },
  { page: 'graph', label: 'Graph' },
  { page: 'approvals', label: 'Approvals' },
  { page: 'settings', label: 'Settings' },
];

function Badge({ count, label, testId }: { count: number | null; label: string; testId: string }) {
  if (!count) return null;
  return (
    <span className="nav-badge" data-testid={testId}>
      {count > 999 ? '999+' : count}
      <span className="visually-hidden"> {label}</span>
    </span>
  );
}

function TaskSearch({ route }: { route: Route }) {
  const onBoard = route.page === 'board';
  const boardQuery = onBoard ? route.query.toString() : '';
  const routeText = onBoard ? (route.query.get('q') ?? '') : '';
  const [text, setText] = useState(routeText);
  const [shownFor, setShownFor] = useState(routeText);
  // Back and forward change the search in the address; the box follows them.
  if (routeText !== shownFor) {
    setShownFor(routeText);
    setText(routeText);
  }
  // Shared before the frame is painted, so the board narrows its cards on the same keystroke.
  const draft = useSearchDraftStore();
  useLayoutEffect(() => draft?.write(text), [draft, text]);

  // Waits for a pause in typing, then shows the board with the search in its address.
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === routeText.trim()) return;
    const timer = setTimeout(() => {
      const hash = pageHash('board', { ...Object.fromEntries(new URLSearchParams(boardQuery)), q: wanted });
      if (onBoard) replaceHash(hash);
      else goTo(hash);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, routeText, onBoard, boardQuery]);

  return (
    <div className="search header-search" role="search">
      <label htmlFor="task-search" className="visually-hidden">
        Search tasks
      </label>
      <input
        id="task-search"
        type="search"
        placeholder="Search tasks"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

export function AppHeader({ route }: { route: Route }) {
  const connection = useConnection();
  const unread = useUnreadEvents();
  const { approvals } = usePendingApprovals();
  const [theme, toggleTheme] = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuFor, setMenuFor] = useState(route.page);
  // A page chosen from the menu closes it.
  if (menuFor !== route.page) {
    setMenuFor(route.page);
    setMenuOpen(false);
  }
  const current = route.page === 'run' ? 'runs' : route.page;

  return (
    <header className="app-header">
      <h1 className="brand">
        <a href={pageHash('board')}>Ridgeline</a>
      </h1>
      <button
        type="button"
        className="button menu-button"
        aria-expanded={menuOpen}
        aria-controls="app-nav"
        onClick={() => setMenuOpen((open) => !open)}
      >
        Menu
      </button>
      <nav id="app-nav" className={`app-nav${menuOpen ? ' app-nav-open' : ''}`} aria-label="Pages">
        <ul>
          {navItems.map((item) => (
            <li key={item.page}>
              <a href={pageHash(item.page)} aria-current={item.page === current ? 'page' : undefined}>
                {item.label}
                {item.page === 'activity' && <Badge count={unread.count} label="unread" testId="unread-count" />}
                {item.page === 'approvals' && (
                  <Badge count={approvals.length} label="waiting" testId="approvals-count" />
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <TaskSearch route={route} />
      <button
        type="button"
        className="icon-button theme-toggle"
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        data-testid="theme-toggle"
        onClick={toggleTheme}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
      </button>
      <ConnectionIndicator status={connection} />
    </header>
  );
}
