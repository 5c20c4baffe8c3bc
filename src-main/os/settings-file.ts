// The headless host's settings: <dataDir>/config.json, the file the desktop host opens with
// electron-store, read and written here as electron-store writes it (tab-indented JSON, replaced
// whole through a temp file, readable by the user only). conf, which electron-store is built on,
// did the same with ajv, semver and 400 KB of code loaded for it: 1.4 MB of the idle host's heap.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Settings } from '../core/ports';
import { createStoreSettings, SETTINGS_FILE, type ConfigFile } from './settings-store';

export { SETTINGS_FILE };

const FILE_MODE = 0o600;

/** config.json as a ConfigFile: each read parses the file, each write replaces it whole. */
function openSettingsFile(path: string): ConfigFile {
  return {
    path,
    get store(): Record<string, unknown> {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw error;
      }
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new SyntaxError('the file must hold one JSON object');
      }
      return value as Record<string, unknown>;
    },
    set store(value: Record<string, unknown>) {
      // A reader, or a crash midway, finds the old file or the new one, never half of one.
      const temp = join(dirname(path), `.${SETTINGS_FILE}.${randomUUID()}.tmp`);
      try {
        const fd = openSync(temp, 'wx', FILE_MODE);
        try {
          writeSync(fd, JSON.stringify(value, undefined, '\t'));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, path);
      } finally {
        rmSync(temp, { force: true });
      }
    },
  };
}

export function createFileSettings(dataDir: string): Settings {
  const path = join(dataDir, SETTINGS_FILE);
  return createStoreSettings(path, () => openSettingsFile(path));
}
