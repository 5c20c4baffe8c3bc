// The usage meter on a real SQLite store: api_usage rows carry the tokens the loopback provider
// returned and the cost from the price table (or the user's override), and the run adds them up.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf, loadPrices, priceOf } from '../../../../src-main/core/cost/pricing';
import { runTool } from '../../../../src-main/core/tools/registry';
import { llmGenerate, llmStructured } from '../../../../src-main/core/tools/llm';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { llmContext, providerSettings, server } from '../llm/llm-context';
import { costSetup } from './cost-harness';

interface UsageRow {
  provider: string;
  model: string;
  operation: string;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost_usd: number;
  success: number;
  task_id: string;
  run_id: string;
  error_message: string | null;
  metadata: string;
}

function usageRows(setup: ReturnType<typeof costSetup>): UsageRow[] {
  return setup.q.store.db.prepare('SELECT * FROM api_usage ORDER BY id').all() as UsageRow[];
}

function runTotals(setup: ReturnType<typeof costSetup>) {
  return setup.q.store.db
    .prepare(
      'SELECT cost_usd AS costUsd, input_tokens AS inputTokens, output_tokens AS outputTokens FROM runs WHERE id = ?',
    )
    .get(setup.runId);
}

describe('usage rows', () => {
  it('records the tokens the provider returned, priced from the table, and adds them to the run', async () => {
    const setup = costSetup();
    const srv = await server('anthropic', [{ kind: 'text', text: 'Brief.', usage: { input: 1200, output: 345 } }]);
    const { context } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: 'k' },
      usage: setup.meter(),
    });

    const output = (await runTool(llmGenerate, { prompt: 'Brief me' }, context)) as { cost_usd: number };

    const expected = (1200 * 3 + 345 * 15) / 1_000_000;
    expect(output.cost_usd).toBeCloseTo(expected, 12);
    const [row] = usageRows(setup);
    expect(row).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      operation: 'llm.generate',
      input_tokens: 1200,
      output_tokens: 345,
      total_tokens: 1545,
      success: 1,
      task_id: setup.taskId,
      run_id: setup.runId,
      error_message: null,
    });
    expect(row!.cost_usd).toBeCloseTo(expected, 12);
    expect(runTotals(setup)).toEqual({ costUsd: expect.closeTo(expected, 12), inputTokens: 1200, outputTokens: 345 });
  });

  it('records every attempt of a structured call, and a failed call with its error', async () => {
    const setup = costSetup();
    const srv = await server('openai-responses', [
      { kind: 'text', text: 'not json', usage: { input: 100, output: 10 } },
      { kind: 'text', text: '{"ok": true}', usage: { input: 150, output: 5 } },
      { kind: 'status', status: 401 },
    ]);
    const { context } = llmContext({
      settings: providerSettings('openai', srv.baseUrl, 'gpt-4.1-mini'),
      secrets: { openai_api_key: 'k' },
      usage: setup.meter(),
    });
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };

    await runTool(llmStructured, { prompt: 'Check', schema }, context);
    await expect(runTool(llmGenerate, { prompt: 'again' }, context)).rejects.toThrow(/HTTP 401/);

    const rows = usageRows(setup);
    expect(rows.map((r) => [r.operation, r.input_tokens, r.output_tokens, r.success])).toEqual([
      ['llm.structured', 100, 10, 1],
      ['llm.structured', 150, 5, 1],
      ['llm.generate', 0, 0, 0],
    ]);
    expect(rows[2]!.error_message).toContain('refused the API key (HTTP 401)');
    // gpt-4.1-mini: $0.40 in, $1.60 out per million.
    const expected = (250 * 0.4 + 15 * 1.6) / 1_000_000;
    expect(runTotals(setup)).toEqual({ costUsd: expect.closeTo(expected, 12), inputTokens: 250, outputTokens: 15 });
  });

  it('prices local models at zero and marks models missing from the table', () => {
    const setup = costSetup();
    const meter = setup.meter();
    expect(meter.record({ ...call('ollama', 'llama3.2', 1000, 1000) })).toBe(0);
    expect(meter.record({ ...call('anthropic', 'claude-future-9', 1000, 1000) })).toBe(0);
    const rows = usageRows(setup);
    expect(JSON.parse(rows[1]!.metadata)).toMatchObject({ unpriced: true });
  });

  it('keeps the cost a caller reports itself (a coding-agent CLI)', () => {
    const setup = costSetup();
    expect(setup.meter().record({ ...call('anthropic', 'claude-sonnet-4-5', 10, 10), costUsd: 0.42 })).toBe(0.42);
    expect(usageRows(setup)[0]!.cost_usd).toBe(0.42);
  });
});

function call(provider: string, model: string, inputTokens: number, outputTokens: number) {
  return { provider, model, operation: 'llm.generate', inputTokens, outputTokens, latencyMs: 1, success: true };
}

describe('price table', () => {
  it('prices dated snapshots like their model and picks the longest matching name', () => {
    const { table } = loadPrices(undefined);
    expect(priceOf(table, 'anthropic', 'claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(priceOf(table, 'anthropic', 'claude-sonnet-4-20250514')).toEqual({ input: 3, output: 15 });
    expect(priceOf(table, 'openai', 'gpt-4.1-mini-2025-04-14')).toEqual({ input: 0.4, output: 1.6 });
    expect(priceOf(table, 'openai', 'gpt-4.1-2025-04-14')).toEqual({ input: 2, output: 8 });
    expect(priceOf(table, 'openai', 'gpt-4.10')).toBeUndefined();
    expect(
      costOf(table, { provider: 'groq', model: 'llama-3.3-70b-versatile', inputTokens: 1e6, outputTokens: 1e6 }),
    ).toEqual({ costUsd: 0.59 + 0.79, priced: true });
  });

  it("merges the user's prices.json over the bundled table, model by model", async () => {
    const setup = costSetup();
    writeFileSync(
      join(setup.dataDir, 'prices.json'),
      JSON.stringify({
        providers: {
          anthropic: { 'claude-sonnet-4-5': { input: 10, output: 20 } },
          ollama: { 'llama3.2': { input: 1, output: 2 } },
        },
      }),
    );
    const srv = await server('ollama', [{ kind: 'text', text: 'hi', usage: { input: 2000, output: 500 } }]);
    const { context } = llmContext({
      settings: providerSettings('ollama', srv.baseUrl, 'llama3.2'),
      usage: setup.meter(),
    });

    const output = (await runTool(llmGenerate, { prompt: 'x' }, context)) as { cost_usd: number };

    expect(output.cost_usd).toBeCloseTo((2000 * 1 + 500 * 2) / 1e6, 12);
    const meter = setup.meter();
    expect(meter.record(call('anthropic', 'claude-sonnet-4-5', 1e6, 1e6))).toBe(30);
    expect(meter.record(call('anthropic', 'claude-haiku-4-5', 1e6, 1e6))).toBe(6);
  });

  it("refuses calls while the user's prices.json is broken, naming the file and the field", () => {
    const setup = costSetup();
    const file = join(setup.dataDir, 'prices.json');
    writeFileSync(file, JSON.stringify({ providers: { openai: { 'gpt-5': { input: -1, output: 2 } } } }));
    const error = captured(() => setup.meter().beforeCall({ provider: 'openai', model: 'gpt-5' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain(`${file}: providers.openai.gpt-5.input:`);

    writeFileSync(file, '{ not json');
    expect(captured(() => setup.meter().beforeCall({ provider: 'openai', model: 'gpt-5' })).message).toContain(
      `${file}: not valid JSON`,
    );
  });
});

function captured(fn: () => void): ToolError {
  try {
    fn();
  } catch (error) {
    if (ToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ToolError');
}
