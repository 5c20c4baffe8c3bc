import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src-main/core/lib/errors';
import { SETTINGS_VERSION } from '../../../src-main/core/settings/schema';
import { createFileSettings } from '../../../src-main/os/settings-file';
import {
  createStoreSettings,
  electronStoreOptions,
  SETTINGS_FILE,
  type ConfigFile,
} from '../../../src-main/os/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

/**
 * The real electron-store class, outside Electron: its `electron` import resolves to a path string
 * when ELECTRON_OVERRIDE_DIST_PATH is set (no Electron binary can be installed here), so it runs as
 * the conf subclass it is, with the options the desktop host gives it.
 */
async function openWithElectronStore(dataDir: string): Promise<() => ConfigFile> {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron';
  const { default: ElectronStore } = await import('electron-store');
  return () => new ElectronStore<Record<string, unknown>>(electronStoreOptions(dataDir));
}

describe('settings shared by both hosts', () => {
  it('the desktop host (electron-store) and the headless host (conf) read and write the one config.json', async () => {
    const dir = makeTempDir();
    const file = join(dir, SETTINGS_FILE);
    const desktop = createStoreSettings(file, await openWithElectronStore(dir));
    desktop.update({ displayTimezone: 'Europe/Berlin', budgets: { dailyUsd: 3, monthlyUsd: null } });

    const headless = createFileSettings(dir);
    expect(headless.get()).toMatchObject({ displayTimezone: 'Europe/Berlin', budgets: { dailyUsd: 3 } });
    headless.update({ maxConcurrentRuns: 7 });

    const desktopAgain = createStoreSettings(file, await openWithElectronStore(dir));
    expect(desktopAgain.get()).toMatchObject({ displayTimezone: 'Europe/Berlin', maxConcurrentRuns: 7 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('merges a partial quietHours, notifications or budgets patch into the saved section', () => {
    const dir = makeTempDir();
    const settings = createFileSettings(dir);
    settings.update({ quietHours: { enabled: true, start: '21:30', end: '06:00' } });
    const saved = settings.update({ quietHours: { enabled: false } } as never);
    expect(saved.quietHours).toEqual({ enabled: false, start: '21:30', end: '06:00' });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).quietHours).toEqual(saved.quietHours);
  });

  it('refuses invalid values with each field named, and keeps the file as it was', () => {
    const dir = makeTempDir();
    const settings = createFileSettings(dir);
    settings.update({ maxConcurrentRuns: 2 });
    const before = readFileSync(join(dir, SETTINGS_FILE), 'utf8');
    const error = thrown(() =>
      settings.update({
        displayTimezone: 'Mars/Olympus',
        quietHours: { start: '25:00' },
        budgets: { dailyUsd: -1 },
        mcpServers: [{ name: 'Bad Name', command: '' }],
      } as never),
    );
    expect(error.code).toBe('validation_failed');
    expect((error.details.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'displayTimezone',
      'quietHours.start',
      'budgets.dailyUsd',
      'mcpServers[0].name',
      'mcpServers[0].command',
    ]);
    expect(error.message).toMatch(/displayTimezone: is not an IANA time zone/);
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
    expect(settings.get().maxConcurrentRuns).toBe(2);
  });

  it('refuses unknown fields and schemaVersion in a patch', () => {
    const settings = createFileSettings(makeTempDir());
    expect(thrown(() => settings.update({ maxConcurentRuns: 3 } as never)).message).toMatch(/maxConcurentRuns/);
    expect(thrown(() => settings.update({ schemaVersion: 9 } as never)).message).toMatch(
      /schemaVersion: is managed by Ridgeline/,
    );
  });

  it('reports a broken file by name and leaves it untouched, in both hosts', async () => {
    const dir = makeTempDir();
    const file = join(dir, SETTINGS_FILE);
    writeFileSync(file, '{"displayTimezone": "America/Denver",');
    expect(thrown(() => createFileSettings(dir)).message).toMatch(
      new RegExp(`Settings file ${file} is not valid JSON .*left it untouched`),
    );
    const openDesktop = await openWithElectronStore(dir);
    expect(thrown(() => createStoreSettings(file, openDesktop)).message).toMatch(/is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"displayTimezone": "America/Denver",');

    writeFileSync(file, JSON.stringify({ schemaVersion: 2, quietHours: { end: '7am' } }));
    const invalid = thrown(() => createFileSettings(dir));
    expect(invalid.details.issues).toEqual([
      { path: 'quietHours.end', message: 'must be a time of day such as 22:00' },
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 2, quietHours: { end: '7am' } });
  });

  it('migrates a version 1 file on open and saves it at the current version', () => {
    const dir = makeTempDir();
    const file = join(dir, SETTINGS_FILE);
    writeFileSync(file, JSON.stringify({ timezone: 'Asia/Tokyo', dailyBudgetUsd: 2.5, launchAtLogin: true }));
    const settings = createFileSettings(dir);
    expect(settings.get()).toMatchObject({
      schemaVersion: SETTINGS_VERSION,
      displayTimezone: 'Asia/Tokyo',
      budgets: { dailyUsd: 2.5, monthlyUsd: null },
      launchAtLogin: true,
    });
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: SETTINGS_VERSION, displayTimezone: 'Asia/Tokyo' });
    expect(onDisk).not.toHaveProperty('timezone');
    expect(onDisk).not.toHaveProperty('dailyBudgetUsd');
  });

  it('refuses a file written by a newer Ridgeline instead of rewriting it', () => {
    const dir = makeTempDir();
    const file = join(dir, SETTINGS_FILE);
    writeFileSync(file, JSON.stringify({ schemaVersion: SETTINGS_VERSION + 1, brandNew: true }));
    expect(thrown(() => createFileSettings(dir)).message).toMatch(/written by a newer Ridgeline/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: SETTINGS_VERSION + 1, brandNew: true });
  });

  it('the headless host replaces the file whole, as electron-store writes it, and reports one that holds no object', () => {
    const dir = makeTempDir();
    const file = join(dir, SETTINGS_FILE);
    writeFileSync(file, JSON.stringify({ schemaVersion: SETTINGS_VERSION, maxConcurrentRuns: 3 }));
    chmodSync(file, 0o644);
    const settings = createFileSettings(dir);
    settings.update({ maxConcurrentRuns: 5 });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(JSON.stringify(settings.get(), undefined, '\t'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);

    writeFileSync(file, '[1, 2]');
    expect(thrown(() => createFileSettings(dir)).message).toMatch(
      new RegExp(`Settings file ${file} is not valid JSON \\(the file must hold one JSON object\\)`),
    );
  });
});
