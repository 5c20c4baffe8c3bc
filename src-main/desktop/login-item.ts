// Launch at login: a login item on macOS and Windows (through Electron), an XDG autostart entry
// (~/.config/autostart/ridgeline.desktop) on Linux. Started this way, Ridgeline opens in the tray
// only (--hidden). The entry's path and text are pure functions; the file is the only side effect.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const HIDDEN_FLAG = '--hidden';
const ENTRY_NAME = 'ridgeline.desktop';

/** The part of Electron's `app` used here, so the rules run without Electron. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export function autostartPath(home: string, env: NodeJS.ProcessEnv): string {
  const configHome =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', ENTRY_NAME);
}

/** How the OS should start this Ridgeline: the AppImage, the packaged binary, or Electron with the app folder. */
export function launchCommand(options: {
  packaged: boolean;
  execPath: string;
  appPath: string;
  appImage?: string | undefined;
}): string[] {
  if (options.appImage) return [options.appImage];
  return options.packaged ? [options.execPath] : [options.execPath, options.appPath];
}

/** Quotes one argument of an Exec line as the Desktop Entry specification asks. */
export function quoteExecArg(arg: string): string {
  const quoted = /^[A-Za-z0-9_\-./+=:,@]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  // The string-level escape of backslashes applies before the quoting rule; % starts a field code.
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(command: string[]): string {
  const exec = [...command, HIDDEN_FLAG].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Ridgeline',
    'Comment=Scheduled AI pipelines, run durably on your own machine',
    `Exec=${exec}`,
    'Icon=ridgeline',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  home: string;
  env: NodeJS.ProcessEnv;
  command: string[];
}

/** Makes the OS start Ridgeline at login, or stop doing so; returns what it changed, for the log. */
export function applyLaunchAtLogin(enabled: boolean, target: LoginItemTarget): string {
  if (target.platform === 'darwin' || target.platform === 'win32') {
    target.app.setLoginItemSettings(
      target.platform === 'win32' ? { openAtLogin: enabled, args: [HIDDEN_FLAG] } : { openAtLogin: enabled },
    );
    return `login item ${enabled ? 'added' : 'removed'}`;
  }
  const file = autostartPath(target.home, target.env);
  if (enabled) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, autostartEntry(target.command), { mode: 0o644 });
    return `autostart entry written to ${file}`;
  }
  rmSync(file, { force: true });
  return `autostart entry ${file} removed`;
}
