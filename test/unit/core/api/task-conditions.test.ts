import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

describe('run conditions through the API', () => {
  it('are stored by tasks.create, returned by tasks.get, changed by tasks.update and removed by null', async () => {
    t = await startedTestRuntime();
    const created = await t.runtime.api.call('tasks.create', {
      title: 'Backup',
      conditions: { acPower: true, minBatteryPercent: 40 },
    });
    expect(created.conditions).toEqual({ acPower: true, minBatteryPercent: 40 });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).conditions).toEqual({
      acPower: true,
      minBatteryPercent: 40,
    });
    await t.runtime.api.call('tasks.update', { id: created.id, conditions: { idleMinutes: 15 } });
    await t.runtime.api.call('tasks.update', { id: created.id, title: 'Renamed' });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).conditions).toEqual({ idleMinutes: 15 });
    await t.runtime.api.call('tasks.update', { id: created.id, conditions: null });
    expect((await t.runtime.api.call('tasks.get', { id: created.id })).conditions).toEqual({});
    expect((await t.runtime.api.call('tasks.create', { title: 'Plain' })).conditions).toEqual({});
  });

  it('refuses a condition that is out of range or unknown, naming the field', async () => {
    t = await startedTestRuntime();
    const cases: [unknown, string, string][] = [
      [{ minBatteryPercent: 0 }, 'conditions.minBatteryPercent', 'must be between 1 and 100'],
      [{ minBatteryPercent: 101 }, 'conditions.minBatteryPercent', 'must be between 1 and 100'],
      [{ idleMinutes: 2.5 }, 'conditions.idleMinutes', 'must be a whole number of minutes'],
      [{ idleMinutes: 0 }, 'conditions.idleMinutes', 'must be at least 1 minute'],
      [{ acPower: 'yes' }, 'conditions.acPower', 'must be true or false'],
    ];
    for (const [conditions, path, message] of cases) {
      const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: 'Bad', conditions }));
      expect(error.code).toBe('validation_failed');
      expect(error.details.issues).toEqual([{ path, message }]);
    }
    const unknown = await appErrorOf(
      t.runtime.api.invoke('tasks.create', { title: 'Bad', conditions: { onWifi: true } }),
    );
    expect(unknown.message).toMatch(/conditions.*onWifi/);
  });
});
