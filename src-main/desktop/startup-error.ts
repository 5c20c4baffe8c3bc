// Turns a failure to start the runtime into the text of the error box the user sees before the app
// quits: the runtime's own message where it has one, and what to do when the SQLite addon is wrong.
import { toErrorPayload } from '../core/lib/errors';

export interface StartupContext {
  packaged: boolean;
  /** The better-sqlite3 addon path the launcher passed in, if any. */
  sqliteBinding: string | undefined;
}

const WRONG_ADDON =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|not a valid Win32 application|invalid ELF header|Could not locate the bindings file/i;

export function startupErrorMessage(error: unknown, context: StartupContext): string {
  const payload = toErrorPayload(error);
  const raw = error instanceof Error ? error.message : String(error);
  if (payload.code !== 'internal' || !WRONG_ADDON.test(raw)) return payload.message;
  if (context.packaged) {
    return `Ridgeline's database driver could not be loaded (${raw}). The installation looks damaged: reinstall Ridgeline.`;
  }
  const which = context.sqliteBinding
    ? `The better-sqlite3 addon at ${context.sqliteBinding} does not load in this Electron`
    : 'No better-sqlite3 addon built for Electron was given';
  return (
    `${which}: ${raw}\n\n` +
    'Start the desktop app with `npm start`: it builds better-sqlite3 for this Electron version ' +
    'and passes it in through RIDGELINE_SQLITE_BINDING.'
  );
}
