// Budgets on a real SQLite store: one warning (timeline event and notification) at 80% per budget
// and period, a halt before the first call once 100% is reached, and periods in the display timezone.
import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { runTool } from '../../../../src-main/core/tools/registry';
import { llmGenerate } from '../../../../src-main/core/tools/llm';
import { llmContext, server } from '../llm/llm-context';
import { costSetup, sonnetCall, type CostSetup } from './cost-harness';

const SONNET = { provider: 'anthropic', model: 'claude-sonnet-4-5' };

function warnings(setup: CostSetup) {
  return setup.q.store.db
    .prepare(
      `SELECT summary, payload, task_id AS taskId, run_id AS runId FROM events WHERE type = 'budget:warning' ORDER BY id`,
    )
    .all() as { summary: string; payload: string; taskId: string; runId: string }[];
}

function halted(fn: () => void): ToolError {
  try {
    fn();
  } catch (error) {
    if (ToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('daily budget', () => {
  it('warns once at 80% (one event, one notification) and halts before the call after 100%', () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 5, monthlyUsd: null } });
    const meter = setup.meter();

    meter.beforeCall(SONNET);
    meter.record(sonnetCall(3.9));
    expect(warnings(setup)).toHaveLength(0);
    expect(setup.notifications).toHaveLength(0);

    meter.beforeCall(SONNET);
    meter.record(sonnetCall(0.12));
    expect(warnings(setup)).toEqual([
      {
        summary: 'Daily budget 80% used ($4.02 of $5.00)',
        payload: expect.stringContaining('"key":"daily:2026-11-23"'),
        taskId: setup.taskId,
        runId: setup.runId,
      },
    ]);
    expect(setup.notifications).toEqual([
      {
        kind: 'budget_warning',
        title: 'Budget warning',
        body: 'Daily budget 80% used ($4.02 of $5.00)',
        taskId: setup.taskId,
        runId: setup.runId,
      },
    ]);

    meter.beforeCall(SONNET);
    meter.record(sonnetCall(0.5));
    // Still under 100%: the next call goes ahead, and no second warning is given.
    meter.beforeCall(SONNET);
    meter.record(sonnetCall(0.6));
    expect(warnings(setup)).toHaveLength(1);
    expect(setup.notifications).toHaveLength(1);

    const error = halted(() => setup.meter().beforeCall(SONNET));
    expect(error.kind).toBe('halt');
    expect(error.message).toBe(
      'Daily budget reached: $5.12 spent of $5.00; the call to anthropic claude-sonnet-4-5 was not made',
    );
    expect(error.details).toMatchObject({ budget: 'daily', limitUsd: 5, period: '2026-11-23' });
  });

  it('halts at exactly 100% spent', () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 2, monthlyUsd: null } });
    setup.meter().record(sonnetCall(2));
    expect(halted(() => setup.meter().beforeCall(SONNET)).message).toMatch(
      /^Daily budget reached: \$2\.00 spent of \$2\.00/,
    );
  });

  it('counts the day in the display timezone: spending before local midnight belongs to yesterday', () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 1, monthlyUsd: null } });
    // 23:00 MST on Nov 22 (06:00 UTC on Nov 23).
    setup.q.clock.jumpTo(Date.parse('2026-11-23T06:00:00Z'));
    setup.meter().record(sonnetCall(1.5));
    expect(halted(() => setup.meter().beforeCall(SONNET)).details).toMatchObject({ period: '2026-11-22' });
    // 00:30 MST on Nov 23: a new day, nothing spent yet.
    setup.q.clock.jumpTo(Date.parse('2026-11-23T07:30:00Z'));
    expect(() => setup.meter().beforeCall(SONNET)).not.toThrow();

    setup.settings({ displayTimezone: 'UTC' });
    expect(halted(() => setup.meter().beforeCall(SONNET)).details).toMatchObject({ period: '2026-11-23' });
  });

  it('counts every task against the global budget', () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 1, monthlyUsd: null } });
    setup.otherMeter().record(sonnetCall(1));
    expect(halted(() => setup.meter().beforeCall(SONNET)).message).toMatch(/^Daily budget reached/);
  });
});

describe('monthly budgets', () => {
  it("a task's budget counts only that task's spending this month, and names the task", () => {
    const setup = costSetup({ budgetUsd: 2, title: 'Nightly repo check' });
    setup.otherMeter().record(sonnetCall(10));
    expect(() => setup.meter().beforeCall(SONNET)).not.toThrow();

    setup.meter().record(sonnetCall(1.7));
    expect(setup.notifications.map((n) => n.body)).toEqual([
      'Monthly budget of Nightly repo check 85% used ($1.70 of $2.00)',
    ]);
    setup.meter().record(sonnetCall(0.3));
    const error = halted(() => setup.meter().beforeCall(SONNET));
    expect(error.message).toBe(
      'Monthly budget of Nightly repo check reached: $2.00 spent of $2.00; the call to anthropic claude-sonnet-4-5 was not made',
    );
    expect(error.details).toMatchObject({ budget: 'task', period: '2026-11' });

    // December (in Denver): the task's budget starts over.
    setup.q.clock.jumpTo(Date.parse('2026-12-01T07:00:00Z'));
    expect(() => setup.meter().beforeCall(SONNET)).not.toThrow();
  });

  it('warns again in a new period, once', () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: null, monthlyUsd: 10 } });
    setup.meter().record(sonnetCall(8));
    setup.meter().record(sonnetCall(0.5));
    setup.q.clock.jumpTo(Date.parse('2026-12-02T18:00:00Z'));
    setup.meter().record(sonnetCall(9));
    setup.meter().record(sonnetCall(0.1));
    expect(warnings(setup).map((w) => w.summary)).toEqual([
      'Monthly budget 80% used ($8.00 of $10.00)',
      'Monthly budget 90% used ($9.00 of $10.00)',
    ]);
    expect(setup.notifications).toHaveLength(2);
  });

  it('a task budget of zero allows no spending at all', () => {
    const setup = costSetup({ budgetUsd: 0 });
    expect(halted(() => setup.meter().beforeCall(SONNET)).message).toMatch(/reached: \$0\.00 spent of \$0\.00/);
  });
});

describe('budgets through llm.generate', () => {
  it('halts the step before any request reaches the provider', async () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 0.5, monthlyUsd: null } });
    setup.meter().record(sonnetCall(0.5));
    const srv = await server('anthropic', [{ kind: 'text', text: 'never sent' }]);
    const { context } = llmContext({ secrets: { anthropic_api_key: 'k' }, usage: setup.meter() });
    context.services.settings = () => ({
      ...setup.q.settings.get(),
      providers: { anthropic: { baseUrl: srv.baseUrl, defaultModel: 'claude-sonnet-4-5' } },
    });

    const error = await runTool(llmGenerate, { prompt: 'hi' }, context).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(ToolError.isInstance(error) && error.kind).toBe('halt');
    expect(srv.requests).toHaveLength(0);
  });

  it('warns after the call that crosses 80%', async () => {
    const setup = costSetup();
    setup.settings({ budgets: { dailyUsd: 0.01, monthlyUsd: null } });
    // 600 output tokens of claude-sonnet-4-5: $0.009, 90% of the budget.
    const srv = await server('anthropic', [{ kind: 'text', text: 'done', usage: { input: 0, output: 600 } }]);
    const { context } = llmContext({ secrets: { anthropic_api_key: 'k' }, usage: setup.meter() });
    context.services.settings = () => ({
      ...setup.q.settings.get(),
      providers: { anthropic: { baseUrl: srv.baseUrl, defaultModel: 'claude-sonnet-4-5' } },
    });

    await runTool(llmGenerate, { prompt: 'hi' }, context);

    expect(setup.notifications.map((n) => n.body)).toEqual(['Daily budget 90% used ($0.01 of $0.01)']);
  });
});
