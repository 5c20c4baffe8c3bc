// The headless host's settings: `conf` (the library electron-store is built on) on the same
// <dataDir>/config.json the desktop host opens with electron-store. conf needs no Electron.
import { join } from 'node:path';
import Conf from 'conf';
import type { Settings } from '../core/ports';
import { createStoreSettings, SETTINGS_FILE, settingsStoreOptions } from './settings-store';

export { SETTINGS_FILE };

export function createFileSettings(dataDir: string): Settings {
  return createStoreSettings(
    join(dataDir, SETTINGS_FILE),
    () => new Conf<Record<string, unknown>>(settingsStoreOptions(dataDir)),
  );
}
