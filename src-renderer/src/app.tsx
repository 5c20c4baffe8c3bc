// The app shell: learns the display timezone from the host, then shows the board (or, at
// #settings, the Settings page), or the access screen when the host says this browser has no session.
import { useEffect, useState } from 'react';
import { useApi } from './api/api-context';
import { useCall } from './api/use-call';
import { Board } from './features/board/board';
import { AccessNeeded } from './features/access/access-needed';
import { SETTINGS_HASH, SettingsPage } from './features/settings/settings-page';
import { useLiveDisplayTimezone } from './features/settings/use-settings';
import { DisplayTimeZoneProvider, DEFAULT_DISPLAY_TIMEZONE } from './lib/display-timezone';

export function App() {
  const api = useApi();
  const info = useCall('app.info', {});
  const [unauthorized, setUnauthorized] = useState(false);
  const [hash, setHash] = useState(window.location.hash);
  const displayTimezone = useLiveDisplayTimezone(
    (info.status === 'done' && info.value.displayTimezone) || DEFAULT_DISPLAY_TIMEZONE,
  );

  useEffect(() => api.onUnauthorized(() => setUnauthorized(true)), [api]);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

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
      {hash === SETTINGS_HASH ? <SettingsPage /> : <Board />}
    </DisplayTimeZoneProvider>
  );
}
