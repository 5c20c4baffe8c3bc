// The app shell: learns the display timezone from the host, then shows the header and the page the
// address names (#/board, #/runs, #/runs/<id>, #/activity, …), or the access screen when the host
// says this browser has no session.
import { UnsavedChangesPrompt } from './shell/unsaved-changes-prompt';
import { useEffect, useState } from 'react';
import { useApi } from './api/api-context';
import { useCall } from './api/use-call';
import { Board } from './features/board/board';
import { readBoardView } from './features/board/board-view';
import { AccessNeeded } from './features/access/access-needed';
import { ActivityPage } from './features/activity/activity-page';
import { ApprovalsPage } from './features/approvals/approvals-page';
import { GraphPage } from './features/graph/graph-page';
import { RunPage } from './features/runs/run-page';
import { RunsPage } from './features/runs/runs-page';
import { SettingsPage } from './features/settings/settings-page';
import { useLiveDisplayTimezone } from './features/settings/use-settings';
import { SpendPage } from './features/spend/spend-page';
import { DisplayTimeZoneProvider, DEFAULT_DISPLAY_TIMEZONE } from './lib/display-timezone';
import { pageHash, type Route } from './lib/hash-route';
import { useRoute } from './lib/use-route';
import { AppHeader } from './shell/app-header';
import { KeyboardCommands } from './shell/keyboard-commands';
import { SearchDraftProvider } from './shell/search-draft';
import { UnreadEventsProvider } from './shell/unread-events';

const titles: Record<Route['page'], string> = {
  board: 'Board',
  runs: 'Runs',
  run: 'Run',
  activity: 'Activity',
  spend: 'Spend',
  graph: 'Graph',
  approvals: 'Approvals',
  settings: 'Settings',
  not_found: 'Not found',
};

function CurrentPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'board':
      return <Board view={readBoardView(route.query)} />;
    case 'runs':
      return <RunsPage route={route} />;
    case 'run':
      return <RunPage key={route.runId} runId={route.runId!} />;
    case 'activity':
      return <ActivityPage route={route} />;
    case 'spend':
      return <SpendPage />;
    case 'graph':
      return <GraphPage />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'settings':
      return <SettingsPage section={route.query.get('section')} />;
    case 'not_found':
      return (
        <section className="empty-state">
          <h2 className="page-title">No page at this address</h2>
          <p>
            <a href={pageHash('board')}>Go to the board</a>
          </p>
        </section>
      );
    default: {
      const unknown: never = route.page;
      throw new Error(`no page for ${String(unknown)}`);
    }
  }
}

export function App() {
  const api = useApi();
  const info = useCall('app.info', {});
  const route = useRoute();
  const [unauthorized, setUnauthorized] = useState(false);
  const displayTimezone = useLiveDisplayTimezone(
    (info.status === 'done' && info.value.displayTimezone) || DEFAULT_DISPLAY_TIMEZONE,
  );

  useEffect(() => api.onUnauthorized(() => setUnauthorized(true)), [api]);
  useEffect(() => {
    document.title = `${titles[route.page]} · Ridgeline`;
  }, [route.page]);

  if (unauthorized || (info.status === 'failed' && info.error.code === 'unauthorized')) return <AccessNeeded />;
  if (info.status === 'loading') {
    return (
      <main className="splash" aria-busy="true">
        <p>Loading Ridgeline…</p>
      </main>
    );
  }
  if (info.status === 'failed') {
    return (
      <main className="splash">
        <h1>Ridgeline could not start the board</h1>
        <p role="alert">{info.error.message}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  return (
    <DisplayTimeZoneProvider value={displayTimezone}>
      <UnreadEventsProvider>
        <SearchDraftProvider>
          <div className="app">
            <AppHeader route={route} />
            <main className="page" data-page={route.page}>
              <CurrentPage route={route} />
            </main>
            <KeyboardCommands />
            <UnsavedChangesPrompt />
          </div>
        </SearchDraftProvider>
      </UnreadEventsProvider>
    </DisplayTimeZoneProvider>
  );
}
