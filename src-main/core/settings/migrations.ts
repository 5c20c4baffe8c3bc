// Brings a settings file written by an older Ridgeline up to SETTINGS_VERSION, one step at a time.
// Steps work on the raw JSON (before the schema sees it) and are append-only, like the database's.
import { AppError } from '../lib/errors';
import { SETTINGS_VERSION } from './schema';

export type RawSettings = Record<string, unknown>;

export interface SettingsMigration {
  /** The version the file has after this step. */
  to: number;
  describe: string;
  migrate(raw: RawSettings): RawSettings;
}

function isRecord(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Moves flat fields into a section, keeping whatever the section already holds. */
function nest(raw: RawSettings, section: string, moves: Record<string, string>): RawSettings {
  const out: RawSettings = { ...raw };
  const target: RawSettings = isRecord(raw[section]) ? { ...raw[section] } : {};
  let moved = false;
  for (const [flat, key] of Object.entries(moves)) {
    if (!(flat in out)) continue;
    if (!(key in target)) target[key] = out[flat];
    delete out[flat];
    moved = true;
  }
  if (moved) out[section] = target;
  return out;
}

export const settingsMigrations: readonly SettingsMigration[] = [
  {
    to: 2,
    describe: 'quiet hours and budgets move from flat fields into their sections; timezone becomes displayTimezone',
    migrate(raw) {
      let out = nest(raw, 'quietHours', {
        quietHoursEnabled: 'enabled',
        quietHoursStart: 'start',
        quietHoursEnd: 'end',
      });
      out = nest(out, 'budgets', { dailyBudgetUsd: 'dailyUsd', monthlyBudgetUsd: 'monthlyUsd' });
      if ('timezone' in out) {
        if (!('displayTimezone' in out)) out.displayTimezone = out.timezone;
        delete out.timezone;
      }
      return out;
    },
  },
];

export interface MigratedSettings {
  raw: RawSettings;
  /** The file's version before migrating (1 for a file that never recorded one). */
  from: number;
  changed: boolean;
}

/** A file without schemaVersion predates versioning: it is version 1. */
export function settingsVersionOf(raw: RawSettings): number {
  const version = raw.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

export function migrateSettings(raw: RawSettings, where: string): MigratedSettings {
  const from = settingsVersionOf(raw);
  if (from > SETTINGS_VERSION) {
    throw new AppError(
      'validation_failed',
      `${where} was written by a newer Ridgeline (settings version ${from}; this one reads up to ${SETTINGS_VERSION}). ` +
        'Update Ridgeline, or move the file aside to start from the defaults.',
      { file: where, schemaVersion: from, supportedVersion: SETTINGS_VERSION },
    );
  }
  let out = raw;
  for (const step of settingsMigrations) {
    if (step.to <= from) continue;
    out = { ...step.migrate(out), schemaVersion: step.to };
  }
  return { raw: out, from, changed: out !== raw };
}
