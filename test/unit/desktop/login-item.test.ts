import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyLaunchAtLogin,
  autostartEntry,
  autostartPath,
  launchCommand,
  quoteExecArg,
  type LoginItemApp,
} from '../../../src-main/desktop/login-item';
import { makeTempDir } from '../../helpers/temp-dir';

/** Records what Electron's app.setLoginItemSettings was asked (no Electron binary here). */
function recordingApp(): LoginItemApp & { calls: unknown[] } {
  const calls: unknown[] = [];
  return { calls, setLoginItemSettings: (s) => void calls.push(s) };
}

describe('launch at login', () => {
  it('puts the Linux autostart entry under XDG_CONFIG_HOME, or ~/.config', () => {
    expect(autostartPath('/home/ann', {})).toBe('/home/ann/.config/autostart/ridgeline.desktop');
    expect(autostartPath('/home/ann', { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/autostart/ridgeline.desktop');
    // The XDG spec ignores a relative XDG_CONFIG_HOME.
    expect(autostartPath('/home/ann', { XDG_CONFIG_HOME: 'rel' })).toBe(
      '/home/ann/.config/autostart/ridgeline.desktop',
    );
  });

  it('starts the AppImage, the packaged binary, or Electron with the app folder', () => {
    const base = { execPath: '/opt/Ridgeline/ridgeline', appPath: '/src/ridgeline' };
    expect(launchCommand({ ...base, packaged: true, appImage: '/home/ann/Ridgeline.AppImage' })).toEqual([
      '/home/ann/Ridgeline.AppImage',
    ]);
    expect(launchCommand({ ...base, packaged: true })).toEqual(['/opt/Ridgeline/ridgeline']);
    expect(launchCommand({ ...base, packaged: false })).toEqual(['/opt/Ridgeline/ridgeline', '/src/ridgeline']);
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(quoteExecArg('/opt/Ridgeline/ridgeline')).toBe('/opt/Ridgeline/ridgeline');
    expect(quoteExecArg('/home/ann/My Apps/Ridgeline.AppImage')).toBe('"/home/ann/My Apps/Ridgeline.AppImage"');
    expect(quoteExecArg('/a/$HOME "x"')).toBe('"/a/\\\\$HOME \\\\"x\\\\""');
    expect(quoteExecArg('/a/100%')).toBe('"/a/100%%"');
  });

  it('writes an entry that starts Ridgeline hidden in the tray', () => {
    const text = autostartEntry(['/home/ann/My Apps/Ridgeline.AppImage']);
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Ridgeline',
      'Comment=Scheduled AI pipelines, run durably on your own machine',
      'Exec="/home/ann/My Apps/Ridgeline.AppImage" --hidden',
      'Icon=ridgeline',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('on Linux writes the entry when enabled and removes it when disabled, in a temp HOME', () => {
    const home = makeTempDir();
    const app = recordingApp();
    const target = { platform: 'linux' as const, app, home, env: {}, command: ['/opt/Ridgeline/ridgeline'] };
    const file = join(home, '.config', 'autostart', 'ridgeline.desktop');

    expect(applyLaunchAtLogin(true, target)).toBe(`autostart entry written to ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/Ridgeline/ridgeline --hidden\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(applyLaunchAtLogin(false, target)).toBe(`autostart entry ${file} removed`);
    expect(existsSync(file)).toBe(false);
    // Turning it off twice is not an error.
    applyLaunchAtLogin(false, target);
    expect(app.calls).toEqual([]);
  });

  it('on macOS and Windows asks Electron for a login item instead of writing files', () => {
    const home = makeTempDir();
    const app = recordingApp();
    const base = { app, home, env: {}, command: ['/x'] };
    applyLaunchAtLogin(true, { ...base, platform: 'darwin' });
    applyLaunchAtLogin(true, { ...base, platform: 'win32' });
    applyLaunchAtLogin(false, { ...base, platform: 'win32' });
    expect(app.calls).toEqual([
      { openAtLogin: true },
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
    expect(existsSync(join(home, '.config'))).toBe(false);
  });
});
