import { describe, expect, it } from 'vitest';
import { migrateSettings, settingsMigrations, settingsVersionOf } from '../../../../src-main/core/settings/migrations';
import { SETTINGS_VERSION, settingsSchema } from '../../../../src-main/core/settings/schema';
import { AppError } from '../../../../src-main/core/lib/errors';

describe('settings migrations', () => {
  it('end at the version this build writes, one step per version', () => {
    expect(settingsMigrations.map((m) => m.to)).toEqual(Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 2));
  });

  it('treat a file without schemaVersion as version 1', () => {
    expect(settingsVersionOf({})).toBe(1);
    expect(settingsVersionOf({ schemaVersion: 'two' })).toBe(1);
    expect(settingsVersionOf({ schemaVersion: 2 })).toBe(2);
  });

  it('v1 -> v2 moves the flat quiet-hours, budget and timezone fields into their sections', () => {
    const v1 = {
      schemaVersion: 1,
      timezone: 'Europe/Berlin',
      quietHoursEnabled: true,
      quietHoursStart: '23:00',
      quietHoursEnd: '06:30',
      dailyBudgetUsd: 5,
      monthlyBudgetUsd: 40,
      maxConcurrentRuns: 2,
    };
    const { raw, from, changed } = migrateSettings(v1, 'config.json');
    expect({ from, changed }).toEqual({ from: 1, changed: true });
    expect(raw).toEqual({
      schemaVersion: 2,
      displayTimezone: 'Europe/Berlin',
      quietHours: { enabled: true, start: '23:00', end: '06:30' },
      budgets: { dailyUsd: 5, monthlyUsd: 40 },
      maxConcurrentRuns: 2,
    });
    expect(settingsSchema.parse(raw)).toMatchObject({ displayTimezone: 'Europe/Berlin', budgets: { dailyUsd: 5 } });
  });

  it('v1 -> v2 keeps a value already in its section over the old flat one', () => {
    const { raw } = migrateSettings(
      { quietHours: { start: '21:00' }, quietHoursStart: '23:00', displayTimezone: 'Asia/Tokyo', timezone: 'UTC' },
      'config.json',
    );
    expect(raw).toEqual({ schemaVersion: 2, quietHours: { start: '21:00' }, displayTimezone: 'Asia/Tokyo' });
  });

  it('leaves a current file alone', () => {
    const current = { schemaVersion: SETTINGS_VERSION, maxConcurrentRuns: 3 };
    expect(migrateSettings(current, 'config.json')).toEqual({ raw: current, from: SETTINGS_VERSION, changed: false });
  });

  it('refuses a file from a newer Ridgeline, naming the file and both versions', () => {
    let error: unknown;
    try {
      migrateSettings({ schemaVersion: SETTINGS_VERSION + 1 }, '/data/config.json');
    } catch (e) {
      error = e;
    }
    expect(AppError.isInstance(error)).toBe(true);
    expect((error as AppError).message).toMatch(
      new RegExp(
        `/data/config.json was written by a newer Ridgeline \\(settings version ${SETTINGS_VERSION + 1}; this one reads up to ${SETTINGS_VERSION}\\)`,
      ),
    );
  });
});
