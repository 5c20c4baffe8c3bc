// A compiled cron expression holds croner's pattern (about 80 KB): tasks with the same expression
// must share one, whatever their anchor, so 1,000 tasks do not hold 1,000 patterns.
import { describe, expect, it } from 'vitest';
import { compileCron } from '../../../../src-main/core/scheduler/cron-expr';
import { compileSchedule } from '../../../../src-main/core/scheduler/schedule-spec';

describe('compiled schedules are shared', () => {
  it('compiles a cron expression once, however it is spaced', () => {
    expect(compileCron('30 8 * * 1-5')).toBe(compileCron(' 30 8 * * 1-5 '));
  });

  it('gives cron tasks with different anchors the same compiled schedule, but not interval ones', () => {
    const cron = (anchor: number) => compileSchedule({ kind: 'cron', expr: '0 2 * * *', timezone: 'UTC', anchor });
    expect(cron(1)).toBe(cron(2));
    const every = (anchor: number) => compileSchedule({ kind: 'interval', expr: 'every 2h', timezone: 'UTC', anchor });
    expect(every(1)).not.toBe(every(2));
  });
});
