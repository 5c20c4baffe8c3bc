import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../helpers/fake-clock';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

describe('schedules API', () => {
  it('previews the next runs with their local times, marking the DST change', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-11-21T12:00:00Z')) });
    const preview = await t.runtime.api.call('schedules.preview', {
      schedule: { kind: 'cron', expr: '30 1 * * *', timezone: 'America/Denver' },
      from: '2026-10-30T12:00:00Z',
      count: 3,
    });
    expect(preview.description).toMatch(/01:30.*Mountain Time/);
    expect(preview.occurrences).toEqual([
      { at: '2026-10-31T07:30:00.000Z', local: '2026-10-31T01:30:00-06:00' },
      { at: '2026-11-01T07:30:00.000Z', local: '2026-11-01T01:30:00-06:00' },
      { at: '2026-11-02T08:30:00.000Z', local: '2026-11-02T01:30:00-07:00', dstChange: 'ends' },
    ]);
  });

  it('uses the display timezone when the schedule names none, and starts from now by default', async () => {
    t = await startedTestRuntime({ clock: new FakeClock(Date.parse('2026-11-23T15:00:00Z')) });
    const preview = await t.runtime.api.call('schedules.preview', {
      schedule: { kind: 'cron', expr: '30 8 * * 1-5' },
      count: 2,
    });
    expect(preview.occurrences.map((o) => o.local)).toEqual(['2026-11-23T08:30:00-07:00', '2026-11-24T08:30:00-07:00']);
  });

  it('validates without throwing for a wrong expression, and says what is wrong', async () => {
    t = await startedTestRuntime();
    expect(
      await t.runtime.api.call('schedules.validate', {
        schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
      }),
    ).toEqual({
      valid: true,
      description: 'At 08:30 on weekdays, Mountain Time',
      issues: [],
    });
    const bad = await t.runtime.api.call('schedules.validate', { schedule: { kind: 'cron', expr: '30 8 * *' } });
    expect(bad.valid).toBe(false);
    expect(bad.issues).toEqual([{ path: 'schedule.expr', message: expect.stringContaining('5 or 6 fields') }]);
    const preview = await t.runtime.api
      .invoke('schedules.preview', { schedule: { kind: 'rrule', expr: 'FREQ=FORTNIGHTLY' } })
      .catch((e: unknown) => e);
    expect((preview as { code: string }).code).toBe('validation_failed');
  });
});
