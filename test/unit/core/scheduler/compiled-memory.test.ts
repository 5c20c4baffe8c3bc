// Compiled schedules are kept by the schedule cache (and by callers) long after croner's own cache
// drops them. Each croner pattern used to own a 10,000-entry year table (80 KB), so 10,000 tasks with
// distinct cron expressions held about 800 MB; a compiled expression must now cost a few KB.
import { describe, expect, it } from 'vitest';
import { compileSchedule, type CompiledSchedule } from '../../../../src-main/core/scheduler/schedule-spec';
import { nextRuns } from '../../../../src-main/core/scheduler/next-run';
import { liveHeap } from '../../../helpers/live-heap';

describe('compiled cron schedules stay small', () => {
  it('keeps 2,000 distinct compiled expressions in under 20 MB of heap', () => {
    const before = liveHeap();
    const kept: CompiledSchedule[] = [];
    for (let i = 0; i < 2_000; i++) {
      const expr = `${i % 60} ${Math.floor(i / 60) % 24} ${1 + (Math.floor(i / 1440) % 28)} * *`;
      kept.push(compileSchedule({ kind: 'cron', expr, timezone: 'America/Denver' }));
    }
    const grown = liveHeap() - before;
    expect(kept).toHaveLength(2_000);
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });

  it('still finds occurrences after sharing the year table, across years', () => {
    const schedule = compileSchedule({ kind: 'cron', expr: '0 9 29 2 *', timezone: 'America/Denver' });
    const at = nextRuns(schedule, Date.parse('2026-01-01T00:00:00Z'), 2).map((t) => new Date(t).toISOString());
    expect(at).toEqual(['2028-02-29T16:00:00.000Z', '2032-02-29T16:00:00.000Z']);
  });
});
