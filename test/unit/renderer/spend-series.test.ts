import { describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../../src-renderer/src/api/contract-types';
import {
  currentMonthPoints,
  daySeries,
  lastDays,
  modelRows,
  spendHeadline,
} from '../../../src-renderer/src/features/spend/spend-series';

const zero = { calls: 1, failedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
function summary(byDay: Array<{ day: string; costUsd: number }>, budgets: UsageSummary['budgets'] = []) {
  return {
    from: null,
    to: null,
    timezone: 'America/Denver',
    totals: zero,
    byProvider: [],
    byModel: [],
    byDay: byDay.map((d) => ({ ...zero, inputTokens: 10, outputTokens: 5, ...d })),
    byTask: [],
    byRun: [],
    budgets,
  } as UsageSummary;
}

// 2026-12-02 05:00 UTC is Dec 1, 10 PM in Denver.
const NOW = Date.parse('2026-12-02T05:00:00Z');

describe('spend series', () => {
  it('lists the last days in the display timezone, each once, through a DST change', () => {
    const days = lastDays(NOW, 'America/Denver', 30);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe('2026-12-01');
    expect(days[0]).toBe('2026-11-02');
    expect(new Set(days).size).toBe(30);
    expect(lastDays(Date.parse('2026-11-03T12:00:00Z'), 'America/Denver', 5)).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
  });

  it('fills days without calls with zero and restarts the month total on the 1st', () => {
    const days = ['2026-11-29', '2026-11-30', '2026-12-01'];
    const points = daySeries(
      summary([
        { day: '2026-11-02', costUsd: 1 },
        { day: '2026-11-29', costUsd: 2 },
        { day: '2026-12-01', costUsd: 0.5 },
      ]),
      days,
    );
    expect(points.map((p) => [p.day, p.costUsd, p.monthToDateUsd])).toEqual([
      ['2026-11-29', 2, 3],
      ['2026-11-30', 0, 3],
      ['2026-12-01', 0.5, 0.5],
    ]);
  });

  it('reads today and this month in the display timezone, preferring the budgets’ own figures', () => {
    const s = summary([
      { day: '2026-11-30', costUsd: 4 },
      { day: '2026-12-01', costUsd: 1.25 },
    ]);
    expect(spendHeadline(s, NOW, 'America/Denver')).toMatchObject({ todayUsd: 1.25, monthUsd: 1.25 });
    const withBudget = summary(
      [],
      [{ budget: 'monthly', label: 'Monthly', period: '2026-12', limitUsd: 50, spentUsd: 9 }],
    );
    expect(spendHeadline(withBudget, NOW, 'America/Denver')).toMatchObject({ todayUsd: 0, monthUsd: 9 });
  });
});

describe('spend chart rows', () => {
  const point = (day: string, monthToDateUsd: number) => ({
    day,
    costUsd: 1,
    inputTokens: 0,
    outputTokens: 0,
    monthToDateUsd,
  });

  it('draws this month so far from the 1st, not last month’s total falling to zero at it', () => {
    const points = [point('2026-11-29', 29), point('2026-11-30', 30), point('2026-12-01', 1), point('2026-12-02', 2)];
    expect(currentMonthPoints(points).map((p) => p.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(currentMonthPoints([])).toEqual([]);
  });

  it('names the provider beside a model only when two providers serve a model of that name', () => {
    const row = (provider: string, model: string, costUsd: number) => ({ ...zero, provider, model, costUsd });
    const rows = modelRows([
      row('groq', 'llama-3.3-70b', 3),
      row('ollama', 'llama-3.3-70b', 2),
      row('openai', 'gpt-mini', 1),
    ]);
    expect(rows).toEqual([
      { name: 'llama-3.3-70b (groq)', costUsd: 3 },
      { name: 'llama-3.3-70b (ollama)', costUsd: 2 },
      { name: 'gpt-mini', costUsd: 1 },
    ]);
  });
});
