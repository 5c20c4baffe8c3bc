// Settings kept as JSON in <dataDir>/config.json (the file electron-store uses), validated by a
// schema on every read and write; a bad value is refused with the field named, never saved.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/lib/errors';
import { settingsSchema } from '../core/settings/schema';
import type { Settings, SettingsValues } from '../core/ports';

export const SETTINGS_FILE = 'config.json';

const schema = settingsSchema;

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function createFileSettings(dataDir: string): Settings {
  const file = join(dataDir, SETTINGS_FILE);

  function read(): SettingsValues {
    if (!existsSync(file)) return schema.parse({});
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('validation_failed', `Settings file ${file} is not valid JSON: ${(error as Error).message}`, {
        file,
      });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('validation_failed', `Settings file ${file} has invalid values: ${problems(parsed.error)}`, {
        file,
      });
    }
    return parsed.data;
  }

  let current = read();

  return {
    get: () => current,
    update(patch) {
      const parsed = schema.safeParse({ ...current, ...patch });
      if (!parsed.success) {
        throw new AppError('validation_failed', `Invalid settings: ${problems(parsed.error)}`, {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename, so a crash mid-write leaves the old file intact.
      writeFileSync(`${file}.tmp`, `${JSON.stringify(parsed.data, null, 2)}\n`, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      current = parsed.data;
      return current;
    },
  };
}
