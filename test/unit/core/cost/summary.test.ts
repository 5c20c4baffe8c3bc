// usage.summary: totals and breakdowns per provider, model, local day, task and run, filtered by
// time range, task or run, with the budgets' state; and the API call's checks of its input.
import { describe, expect, it } from 'vitest';
import { usageSummary } from '../../../../src-main/core/cost/summary';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime } from '../../../helpers/test-runtime';
import { costSetup, sonnetCall } from './cost-harness';

const at = (iso: string): number => Date.parse(iso);

function seeded() {
  const setup = costSetup({ budgetUsd: 20 });
  setup.settings({ budgets: { dailyUsd: 10, monthlyUsd: 100 } });
  const clock = setup.q.clock;
  // 22:30 MST on Nov 22: still Nov 22 in Denver, already Nov 23 in UTC.
  clock.jumpTo(at('2026-11-23T05:30:00Z'));
  setup.meter().record(sonnetCall(1));
  clock.jumpTo(at('2026-11-23T15:30:00Z'));
  setup.meter().record(sonnetCall(2));
  setup.meter().record({
    provider: 'ollama',
    model: 'llama3.2',
    operation: 'llm.generate',
    inputTokens: 100,
    outputTokens: 50,
    latencyMs: 3,
    success: false,
    error: 'HTTP 500',
  });
  setup.otherMeter().record(sonnetCall(4));
  return setup;
}

describe('usageSummary', () => {
  it('totals everything and breaks it down by provider, model, local day, task and run', () => {
    const setup = seeded();
    const summary = usageSummary(setup.q.store, setup.q.settings.get(), {}, setup.q.clock.now(), {
      from: null,
      to: null,
    });

    expect(summary.timezone).toBe('America/Denver');
    expect(summary.totals).toMatchObject({ calls: 4, failedCalls: 1, inputTokens: 100, costUsd: 7 });
    expect(summary.byProvider).toEqual([
      expect.objectContaining({ provider: 'anthropic', calls: 3, costUsd: 7 }),
      expect.objectContaining({ provider: 'ollama', calls: 1, failedCalls: 1, costUsd: 0, outputTokens: 50 }),
    ]);
    expect(summary.byModel.map((m) => m.model)).toEqual(['claude-sonnet-4-5', 'llama3.2']);
    expect(summary.byDay).toEqual([
      expect.objectContaining({ day: '2026-11-22', calls: 1, costUsd: 1 }),
      expect.objectContaining({ day: '2026-11-23', calls: 3, costUsd: 6 }),
    ]);
    expect(summary.byTask).toEqual([
      expect.objectContaining({ title: 'Other task', costUsd: 4 }),
      expect.objectContaining({ taskId: setup.taskId, title: 'Morning briefing', costUsd: 3 }),
    ]);
    expect(summary.byRun.map((r) => [r.runId === setup.runId, r.costUsd])).toEqual([
      [false, 4],
      [true, 3],
    ]);
    expect(summary.budgets).toEqual([
      { budget: 'daily', label: 'Daily budget', period: '2026-11-23', limitUsd: 10, spentUsd: 6 },
      { budget: 'monthly', label: 'Monthly budget', period: '2026-11', limitUsd: 100, spentUsd: 7 },
    ]);
  });

  it('filters by time range, task and run; a task summary includes its own budget', () => {
    const setup = seeded();
    const now = setup.q.clock.now();
    const settings = setup.q.settings.get();
    const range = { from: null, to: null };

    const today = usageSummary(setup.q.store, settings, { fromMs: at('2026-11-23T07:00:00Z') }, now, range);
    expect(today.totals).toMatchObject({ calls: 3, costUsd: 6 });
    const before = usageSummary(setup.q.store, settings, { toMs: at('2026-11-23T07:00:00Z') }, now, range);
    expect(before.totals).toMatchObject({ calls: 1, costUsd: 1 });

    const task = usageSummary(setup.q.store, settings, { taskId: setup.taskId }, now, range);
    expect(task.totals).toMatchObject({ calls: 3, costUsd: 3 });
    expect(task.budgets[0]).toEqual({
      budget: 'task',
      label: 'Monthly budget of Morning briefing',
      period: '2026-11',
      limitUsd: 20,
      spentUsd: 3,
    });

    const run = usageSummary(setup.q.store, settings, { runId: setup.runId }, now, range);
    expect(run.totals).toMatchObject({ calls: 3 });
  });
});

describe('usage.summary call', () => {
  it('answers through the API, and refuses a range that ends before it starts', async () => {
    const { runtime } = await startedTestRuntime();
    try {
      const summary = await runtime.api.call('usage.summary', {});
      expect(summary.totals).toEqual({ calls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
      expect(summary.byDay).toEqual([]);

      const error = await appErrorOf(
        runtime.api.call('usage.summary', { from: '2026-11-23T00:00:00Z', to: '2026-11-22T00:00:00Z' }),
      );
      expect(error.code).toBe('validation_failed');
      expect(error.message).toBe('to: must be later than from');

      const bad = await appErrorOf(runtime.api.invoke('usage.summary', { from: 'yesterday' }));
      expect(bad.code).toBe('validation_failed');
      expect(bad.message).toContain('from');
    } finally {
      await runtime.stop();
    }
  });
});
