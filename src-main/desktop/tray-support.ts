// Whether this desktop can show a tray icon, and what to do when it cannot. GNOME without the
// AppIndicator extension, and some tiling window managers, run no StatusNotifierWatcher on D-Bus:
// Electron then makes a tray that nobody sees. Pure, apart from the command line it names.
import { spawnSync } from 'node:child_process';

/** Asks the session bus whether anyone owns the StatusNotifierWatcher name. */
export const WATCHER_QUERY = [
  'dbus-send',
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
];

/** dbus-send's reply ("   boolean true"); undefined when it is not a NameHasOwner answer. */
export function parseNameHasOwner(output: string): boolean | undefined {
  const match = /^\s*boolean (true|false)\s*$/m.exec(output);
  return match ? match[1] === 'true' : undefined;
}

export type TrayPlan = { tray: true } | { tray: false; notice: { title: string; body: string } };

/**
 * Linux with a session bus that says no watcher runs: no tray, the board stays open, and a
 * notification says why. Where the bus cannot be asked (no dbus-send), the tray is tried, as
 * XEmbed trays may still show it. macOS and Windows always have a tray.
 */
export function trayPlan(platform: NodeJS.Platform, watcher: boolean | undefined): TrayPlan {
  if (platform !== 'linux' || watcher !== false) return { tray: true };
  return {
    tray: false,
    notice: {
      title: 'Ridgeline has no tray icon on this desktop',
      body:
        'This desktop shows no tray icons (no StatusNotifierWatcher on D-Bus), so the board stays open instead. ' +
        'Closing it keeps Ridgeline running; open Ridgeline again to bring it back.',
    },
  };
}

/** Asks the session bus; undefined when it cannot be asked (no dbus-send, no session bus). */
export function askStatusNotifierWatcher(): boolean | undefined {
  const [file, ...args] = WATCHER_QUERY;
  const result = spawnSync(file!, args, { encoding: 'utf8', timeout: 2_000 });
  return result.status === 0 ? parseNameHasOwner(result.stdout) : undefined;
}
