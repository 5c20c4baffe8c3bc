import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src-renderer/src/api/contract-types';
import { eventTypeLabel, groupByDay } from '../../../src-renderer/src/features/activity/event-groups';

const event = (id: number, createdAt: string): TimelineEvent => ({
  id,
  type: 'task:created',
  taskId: null,
  runId: null,
  summary: `event ${id}`,
  payload: {},
  read: false,
  createdAt,
});

describe('activity grouped by day', () => {
  it('splits days at midnight in the display timezone, not in UTC', () => {
    // 05:30 UTC on Nov 24 is still the evening of Nov 23 in Denver (UTC-7).
    const events = [
      event(3, '2026-11-24T07:30:00Z'),
      event(2, '2026-11-24T05:30:00Z'),
      event(1, '2026-11-23T15:00:00Z'),
    ];
    const days = groupByDay(events, 'America/Denver');
    expect(days.map((d) => [d.label, d.events.map((e) => e.id)])).toEqual([
      ['Tuesday, November 24, 2026', [3]],
      ['Monday, November 23, 2026', [2, 1]],
    ]);
    expect(groupByDay(events, 'UTC').map((d) => d.events.map((e) => e.id))).toEqual([[3, 2], [1]]);
  });

  it('names event types in words', () => {
    expect(eventTypeLabel('run:retry_scheduled')).toBe('Run retry scheduled');
  });
});
