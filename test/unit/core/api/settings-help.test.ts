// Settings that help: the provider Test button's one real call (against loopback model servers
// speaking each provider's wire format), and budgets checked against each other.
import { afterEach, describe, expect, it } from 'vitest';
import { testProvider } from '../../../../src-main/core/llm/provider-test';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { defaultSettings, settingsSchema } from '../../../../src-main/core/settings/schema';
import { appErrorOf } from '../../../helpers/app-error';
import { startLlmServer, type LlmServer } from '../../../helpers/llm-servers';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime | undefined;
let server: LlmServer | undefined;
afterEach(async () => {
  await t?.runtime.stop();
  await server?.close();
  t = undefined;
  server = undefined;
});

describe('settings.testProvider', () => {
  it("answers with the model's words from an OpenAI-compatible server", async () => {
    server = await startLlmServer('chat-completions', [{ kind: 'text', text: 'ready' }]);
    t = await startedTestRuntime();
    await t.runtime.api.call('settings.update', {
      providers: { openai_compatible: { baseUrl: server.baseUrl, defaultModel: 'qwen3-4b' } },
    });
    const result = await t.runtime.api.call('settings.testProvider', { provider: 'openai_compatible' });
    expect(result).toEqual({
      provider: 'openai_compatible',
      ok: true,
      model: 'qwen3-4b',
      answer: 'ready',
      error: null,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toMatchObject({ model: 'qwen3-4b' });
  });

  it("reports the server's error instead of throwing", async () => {
    server = await startLlmServer('chat-completions', [
      { kind: 'status', status: 404, body: { error: { message: 'model qwen9 not found' } } },
    ]);
    t = await startedTestRuntime();
    await t.runtime.api.call('settings.update', {
      providers: { openai_compatible: { baseUrl: server.baseUrl, defaultModel: 'qwen9' } },
    });
    const result = await t.runtime.api.call('settings.testProvider', { provider: 'openai_compatible' });
    expect(result).toMatchObject({ ok: false, model: 'qwen9', answer: null });
    expect(result.error).toMatch(/qwen9/);
  });

  it('says which secret is missing when a cloud provider has no key', async () => {
    t = await startedTestRuntime();
    const result = await t.runtime.api.call('settings.testProvider', { provider: 'anthropic' });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/No API key for anthropic: store the secret "anthropic_api_key"/);
  });

  it('sends the stored key to the provider and masks it in an error', async () => {
    server = await startLlmServer('anthropic', [
      { kind: 'text', text: 'ready' },
      {
        kind: 'status',
        status: 401,
        body: { type: 'error', error: { type: 'authentication_error', message: 'bad key sk-ant-secret-42' } },
      },
    ]);
    const redactor = new Redactor();
    redactor.addSecret('sk-ant-secret-42');
    const settings = { ...defaultSettings(), providers: { anthropic: { baseUrl: server.baseUrl } } };
    const deps = {
      settings,
      redactor,
      secret: async (name: string) => (name === 'anthropic_api_key' ? 'sk-ant-secret-42' : undefined),
    };
    expect(await testProvider('anthropic', deps)).toMatchObject({
      ok: true,
      answer: 'ready',
      model: 'claude-sonnet-4-5',
    });
    expect(server.requests[0]!.headers['x-api-key']).toBe('sk-ant-secret-42');
    const failed = await testProvider('anthropic', deps);
    expect(failed.ok).toBe(false);
    expect(failed.error).not.toContain('sk-ant-secret-42');
  });

  it('refuses an unknown provider, naming the choices', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(t.runtime.api.invoke('settings.testProvider', { provider: 'acme' }));
    expect(error.details.issues).toEqual([
      { path: 'provider', message: 'must be one of anthropic, openai, groq, ollama, openai_compatible' },
    ]);
  });
});

describe('budgets checked against each other', () => {
  it('refuses a daily limit above the monthly one, in either order of saving', async () => {
    t = await startedTestRuntime();
    const daily = async (patch: { dailyUsd?: number | null; monthlyUsd?: number | null }) =>
      appErrorOf(t!.runtime.api.call('settings.update', { budgets: patch }));
    const both = await daily({ dailyUsd: 50, monthlyUsd: 20 });
    expect(both.details.issues).toEqual([
      { path: 'budgets.dailyUsd', message: 'must not be more than the monthly limit ($50 a day is above $20 a month)' },
    ]);
    await t.runtime.api.call('settings.update', { budgets: { monthlyUsd: 20 } });
    expect((await daily({ dailyUsd: 20.5 })).details.issues).toHaveLength(1);
    // Both given: the test runtime's in-memory settings replace a section rather than merge it.
    const saved = await t.runtime.api.call('settings.update', { budgets: { dailyUsd: 5, monthlyUsd: 20 } });
    expect(saved.budgets).toEqual({ dailyUsd: 5, monthlyUsd: 20 });
    // Lowering the monthly limit under the daily one is refused too.
    expect((await daily({ monthlyUsd: 4 })).details.issues).toHaveLength(1);
    // No monthly limit: any daily limit goes.
    expect(
      (await t.runtime.api.call('settings.update', { budgets: { monthlyUsd: null, dailyUsd: 90 } })).budgets,
    ).toEqual({ dailyUsd: 90, monthlyUsd: null });
  });
});

describe('settings messages written for people', () => {
  it('says a budget must be more than $0 and a runs limit at least 1 run', () => {
    const parsed = settingsSchema.safeParse({ budgets: { dailyUsd: 0, monthlyUsd: 'lots' }, maxConcurrentRuns: 0 });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      'budgets.dailyUsd': 'must be more than $0 (leave it empty for no limit)',
      'budgets.monthlyUsd': 'must be an amount in dollars, such as 5 or 12.50, or empty for no limit',
      maxConcurrentRuns: 'must be at least 1 run',
    });
  });
});
