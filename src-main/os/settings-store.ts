// Settings in <dataDir>/config.json: through electron-store in the desktop host, through
// settings-file.ts in the headless host. Every read is migrated and validated by the shared schema; a
// bad value is refused with its field named and never saved; a broken file is reported, not reset.
import { z } from 'zod';
import { formatPath } from '../core/lib/errors';
import { AppError } from '../core/lib/errors';
import { migrateSettings, type RawSettings } from '../core/settings/migrations';
import { partialSettingsSections, settingsSchema } from '../core/settings/schema';
import type { Settings, SettingsValues } from '../core/ports';

export const SETTINGS_FILE = 'config.json';

/** electron-store's options for <dataDir>/config.json, readable by the user only. */
export function electronStoreOptions(dataDir: string): { cwd: string; name: string; configFileMode: number } {
  return { cwd: dataDir, name: 'config', configFileMode: 0o600 };
}

/** The part of an electron-store instance (or the headless host's settings file) settings use. */
export interface ConfigFile {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface SettingsIssue {
  path: string;
  message: string;
}

function issuesOf(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

function describe(issues: SettingsIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
}

function isRecord(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function brokenFile(path: string, error: unknown): AppError {
  const problem = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
  return new AppError(
    'validation_failed',
    `Settings file ${path} ${problem} (${(error as Error).message}). ` +
      'Ridgeline left it untouched: fix it, or move it aside to start from the defaults.',
    { file: path },
  );
}

/** Reads the file's raw contents, turning a parse failure into a message naming the file. */
function readRaw(file: ConfigFile): RawSettings {
  try {
    return file.store;
  } catch (error) {
    throw brokenFile(file.path, error);
  }
}

function load(file: ConfigFile): SettingsValues {
  const migrated = migrateSettings(readRaw(file), `Settings file ${file.path}`);
  const parsed = settingsSchema.safeParse(migrated.raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new AppError(
      'validation_failed',
      `Settings file ${file.path} has invalid values: ${describe(issues)}. Ridgeline left it untouched.`,
      { file: file.path, issues },
    );
  }
  if (migrated.changed) file.store = { ...migrated.raw, ...parsed.data };
  return parsed.data;
}

/** Applies a patch: top-level fields are replaced, the partial sections merged key by key. */
function applySettingsPatch(current: SettingsValues, patch: RawSettings): RawSettings {
  const next: RawSettings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const section = partialSettingsSections.find((s) => s === key);
    next[key] = section && isRecord(value) ? { ...current[section], ...value } : value;
  }
  return next;
}

/** `open` gives the file: an electron-store instance, which reads it as it is built, or the headless host's. */
export function createStoreSettings(path: string, open: () => ConfigFile): Settings {
  let file: ConfigFile;
  try {
    file = open();
  } catch (error) {
    throw brokenFile(path, error);
  }
  let current = load(file);

  return {
    get: () => current,
    update(patch) {
      if ('schemaVersion' in patch) {
        const issues = [{ path: 'schemaVersion', message: 'is managed by Ridgeline and cannot be changed' }];
        throw new AppError('validation_failed', `Invalid settings: ${describe(issues)}`, { issues });
      }
      const parsed = settingsSchema.strict().safeParse(applySettingsPatch(current, patch));
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        throw new AppError('validation_failed', `Invalid settings: ${describe(issues)}`, { issues });
      }
      file.store = parsed.data;
      current = parsed.data;
      return current;
    },
  };
}
