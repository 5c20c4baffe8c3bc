// Each compiled cron expression held croner's flag tables for every field (about 2.3 KB), and the
// schedule cache keeps 4,096 of them: 11 MB of an idle host with 10,000 distinct schedules. Equal
// tables are now shared between patterns, so a compiled expression costs about a third of it.
import { describe, expect, it } from 'vitest';
import { compileSchedule, type CompiledSchedule } from '../../../../src-main/core/scheduler/schedule-spec';
import { nextRuns } from '../../../../src-main/core/scheduler/next-run';
import { liveHeap } from '../../../helpers/live-heap';

const iso = (times: number[]) => times.map((t) => new Date(t).toISOString());

describe('compiled cron expressions share their flag tables', () => {
  it('keeps 3,000 distinct compiled expressions in under 1.5 KB each', () => {
    const count = 3_000;
    const before = liveHeap();
    const kept: CompiledSchedule[] = [];
    for (let i = 0; i < count; i++) {
      // Seconds first, so none of these is in the schedule cache from another test.
      const expr = `${i % 7} ${i % 60} ${Math.floor(i / 60) % 24} ${1 + (Math.floor(i / 1440) % 28)} * *`;
      kept.push(compileSchedule({ kind: 'cron', expr, timezone: 'Europe/Berlin' }));
    }
    const perExpression = (liveHeap() - before) / count;
    expect(kept).toHaveLength(count);
    expect(perExpression).toBeLessThan(1536);
  });

  it('keeps apart tables that differ only in their flags: nth weekdays, last weekdays, plain weekdays', () => {
    const from = Date.parse('2026-06-01T00:00:00Z');
    const runs = (expr: string) => iso(nextRuns(compileSchedule({ kind: 'cron', expr, timezone: 'UTC' }), from, 2));
    expect(runs('0 9 * * 1')).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-08T09:00:00.000Z']);
    expect(runs('0 9 * * 1#2')).toEqual(['2026-06-08T09:00:00.000Z', '2026-07-13T09:00:00.000Z']);
    expect(runs('0 9 * * 1L')).toEqual(['2026-06-29T09:00:00.000Z', '2026-07-27T09:00:00.000Z']);
    expect(runs('0 9 * * 1')).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-08T09:00:00.000Z']);
  });

  it('still walks a shared table after thousands of other patterns were compiled', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const first = compileSchedule({ kind: 'cron', expr: '15 6 1 * *', timezone: 'UTC' });
    for (let i = 0; i < 3_000; i++) {
      compileSchedule({ kind: 'cron', expr: `${i % 59} ${i % 23} ${1 + (i % 27)} ${1 + (i % 12)} *`, timezone: 'UTC' });
    }
    const later = compileSchedule({ kind: 'cron', expr: '15 6 1 1-12 *', timezone: 'UTC' });
    expect(iso(nextRuns(first, from, 2))).toEqual(['2026-01-01T06:15:00.000Z', '2026-02-01T06:15:00.000Z']);
    expect(iso(nextRuns(later, from, 2))).toEqual(['2026-01-01T06:15:00.000Z', '2026-02-01T06:15:00.000Z']);
  });
});
