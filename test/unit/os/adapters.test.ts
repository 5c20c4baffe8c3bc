import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, readFlag, resolveDataDir } from '../../../src-main/os/data-dir';
import { createEnvSecretStore, envNameFor } from '../../../src-main/os/secrets-env';
import { createFileSettings, SETTINGS_FILE } from '../../../src-main/os/settings-file';
import { makeTempDir } from '../../helpers/temp-dir';

describe('data directory', () => {
  it("is Electron's userData path for an app named Ridgeline on each OS", () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Ridgeline');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Ridgeline');
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Ridgeline');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Ridgeline',
    );
  });

  it('is overridden by --data-dir, then RIDGELINE_DATA_DIR', () => {
    expect(resolveDataDir(['--data-dir', '/tmp/a'], { RIDGELINE_DATA_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(resolveDataDir(['--data-dir=/tmp/c'], {})).toBe('/tmp/c');
    expect(resolveDataDir([], { RIDGELINE_DATA_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(readFlag(['--port', '9000'], '--port')).toBe('9000');
    expect(readFlag([], '--port')).toBeUndefined();
  });
});

describe('settings file', () => {
  it('defaults to Mountain Time, persists valid changes, and refuses invalid ones without saving them', () => {
    const dir = makeTempDir();
    const settings = createFileSettings(dir);
    expect(settings.get()).toMatchObject({ displayTimezone: 'America/Denver', maxConcurrentRuns: 4 });
    settings.update({ displayTimezone: 'Europe/Berlin' });
    expect(() => settings.update({ displayTimezone: 'Moon/Base', maxConcurrentRuns: 0 })).toThrow(
      /displayTimezone: is not an IANA time zone.*maxConcurrentRuns/,
    );
    expect(createFileSettings(dir).get().displayTimezone).toBe('Europe/Berlin');
    expect(statSync(join(dir, SETTINGS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('names the file and the field when the file on disk is bad', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, SETTINGS_FILE), '{"maxConcurrentRuns": "many"}');
    expect(() => createFileSettings(dir)).toThrow(new RegExp(`${SETTINGS_FILE} has invalid values: maxConcurrentRuns`));
    writeFileSync(join(dir, SETTINGS_FILE), '{oops');
    expect(() => createFileSettings(dir)).toThrow(/is not valid JSON/);
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe('{oops');
  });
});

describe('environment secrets', () => {
  it('reads RIDGELINE_SECRET_<NAME> first, then the usual provider variable, and refuses to store', async () => {
    const store = createEnvSecretStore({ RIDGELINE_SECRET_ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'b' });
    expect(envNameFor('anthropic-api-key')).toBe('RIDGELINE_SECRET_ANTHROPIC_API_KEY');
    expect(await store.get('anthropic-api-key')).toBe('a');
    expect(await store.get('openai_api_key')).toBe('b');
    expect(await store.get('groq_api_key')).toBeUndefined();
    await expect(store.set('groq_api_key', 'x')).rejects.toThrow(
      /Set the environment variable RIDGELINE_SECRET_GROQ_API_KEY/,
    );
  });
});
