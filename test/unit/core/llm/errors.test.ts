// How model call failures come out: rate limits honour retry-after, server errors are retried by
// the SDK, a hung server is stopped by the step's AbortSignal, and each failure has the right kind.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generate, SDK_MAX_RETRIES } from '../../../../src-main/core/llm/generate';
import { languageModel } from '../../../../src-main/core/llm/providers';
import { runTool } from '../../../../src-main/core/tools/registry';
import { llmGenerate } from '../../../../src-main/core/tools/llm';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { providerIds } from '../../../../src-main/core/settings/schema';
import { formatOf, llmContext, providerSettings, server } from './llm-context';

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

const KEY = 'sk-secret-value-for-tests';

describe('retries inside the SDK', () => {
  it('waits for retry-after on a 429 and then succeeds', async () => {
    const srv = await server('anthropic', [
      { kind: 'status', status: 429, headers: { 'retry-after': '0.3' } },
      { kind: 'text', text: 'after the limit', usage: { input: 3, output: 2 } },
    ]);
    const { context, usage } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: KEY },
    });

    const output = await runTool(llmGenerate, { prompt: 'hi' }, context);

    expect(output).toMatchObject({ text: 'after the limit' });
    expect(srv.requests).toHaveLength(2);
    const waited = srv.requests[1]!.receivedAt - srv.requests[0]!.receivedAt;
    // retry-after said 300 ms; without it the SDK would have waited 2 s.
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(1500);
    expect(usage).toHaveLength(1);
  });

  it('honours retry-after-ms from OpenAI', async () => {
    const srv = await server('openai-responses', [
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '150' } },
      { kind: 'text', text: 'ok' },
    ]);
    const { context } = llmContext({
      settings: providerSettings('openai', srv.baseUrl, 'gpt-4.1-mini'),
      secrets: { openai_api_key: KEY },
    });
    await runTool(llmGenerate, { prompt: 'hi' }, context);
    const waited = srv.requests[1]!.receivedAt - srv.requests[0]!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(130);
    expect(waited).toBeLessThan(1500);
  });

  it(`gives up after ${SDK_MAX_RETRIES} retries of a 429 with a retryable error, and meters the failure`, async () => {
    const limited = { kind: 'status' as const, status: 429, headers: { 'retry-after': '0.05' } };
    const srv = await server('groq', [limited, limited, limited, { kind: 'text', text: 'never reached' }]);
    const { context, usage } = llmContext({
      settings: providerSettings('groq', srv.baseUrl, 'llama-3.3-70b-versatile'),
      secrets: { groq_api_key: KEY },
    });

    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));

    expect(srv.requests).toHaveLength(SDK_MAX_RETRIES + 1);
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('rate limiting (HTTP 429) after 3 attempts');
    expect(usage).toEqual([expect.objectContaining({ success: false, inputTokens: 0, outputTokens: 0 })]);
    expect(usage[0]!.error).toContain('HTTP 429');
  });

  it('retries a 500 and then succeeds', async () => {
    const srv = await server('chat-completions', [
      { kind: 'status', status: 500 },
      { kind: 'text', text: 'recovered' },
    ]);
    const { context } = llmContext({ settings: providerSettings('openai_compatible', srv.baseUrl, 'local') });
    const output = await runTool(llmGenerate, { prompt: 'hi' }, context);
    expect(output).toMatchObject({ text: 'recovered' });
    expect(srv.requests).toHaveLength(2);
  });
});

describe('failure kinds', () => {
  it.each([
    [401, 'refused the API key (HTTP 401)'],
    [403, 'refused the API key (HTTP 403)'],
    [400, 'rejected the request (HTTP 400)'],
    [404, 'not found (HTTP 404'],
  ])('HTTP %i is permanent and not retried', async (status, text) => {
    const srv = await server('anthropic', [{ kind: 'status', status }]);
    const { context } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: KEY },
    });
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain(text);
    expect(error.message).toContain(`scripted error ${status}`);
    expect(srv.requests).toHaveLength(1);
  });

  it('never puts the API key in the error, its details, the run log or the usage row', async () => {
    const srv = await server('groq', [{ kind: 'status', status: 401 }]);
    const { context, usage, lines } = llmContext({
      settings: providerSettings('groq', srv.baseUrl, 'llama-3.3-70b-versatile'),
      secrets: { groq_api_key: KEY },
    });
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));
    expect(srv.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    const everything = JSON.stringify({ message: error.message, details: error.details, usage, lines });
    expect(everything).not.toContain(KEY);
  });

  it.each(providerIds)('a malformed %s stream is retryable and says so', async (provider) => {
    const srv = await server(formatOf[provider], [{ kind: 'malformed' }]);
    const { context, usage } = llmContext({
      settings: providerSettings(provider, srv.baseUrl, 'some-model'),
      secrets: { [`${provider}_api_key`]: KEY },
    });
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain(`${provider} some-model sent a malformed response`);
    expect(srv.requests).toHaveLength(1);
    expect(usage).toEqual([expect.objectContaining({ success: false })]);
  });

  it('a server that never answers is stopped by the step timeout (the AbortSignal)', async () => {
    const srv = await server('anthropic', [{ kind: 'hang' }]);
    const controller = new AbortController();
    const { context, usage } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: KEY },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort('step_timeout'), 150);
    const startedAt = Date.now();

    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));

    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(error.kind).toBe('timeout');
    expect(srv.requests).toHaveLength(1);
    expect(usage).toEqual([expect.objectContaining({ success: false })]);
  });

  it('a cancelled step stops a call that is streaming slowly', async () => {
    const srv = await server('ollama', [{ kind: 'text', text: 'late', delayMs: 5000 }]);
    const controller = new AbortController();
    const { context } = llmContext({
      settings: providerSettings('ollama', srv.baseUrl, 'llama3.2'),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort('cancelled'), 100);
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));
    expect(error.kind).toBe('cancelled');
  });

  it('a missing key is permanent, names the secret and its environment variable, and sends nothing', async () => {
    const srv = await server('anthropic');
    const { context, usage } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
    });
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(
      'No API key for anthropic: store the secret "anthropic_api_key" in Ridgeline\'s settings ' +
        'or set the environment variable RIDGELINE_SECRET_ANTHROPIC_API_KEY',
    );
    expect(srv.requests).toHaveLength(0);
    expect(usage).toHaveLength(0);
  });

  it('uses the secret named in the provider settings', async () => {
    const srv = await server('groq', [{ kind: 'text', text: 'ok' }]);
    const settings = providerSettings('groq', srv.baseUrl, 'llama-3.3-70b-versatile');
    settings.providers.groq = { ...settings.providers.groq, apiKeySecret: 'work_groq' };
    const missing = llmContext({ settings, secrets: { groq_api_key: KEY } });
    const error = await failure(runTool(llmGenerate, { prompt: 'hi' }, missing.context));
    expect(error.message).toContain('RIDGELINE_SECRET_WORK_GROQ');

    const { context } = llmContext({ settings, secrets: { work_groq: KEY } });
    await runTool(llmGenerate, { prompt: 'hi' }, context);
    expect(srv.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('an OpenAI-compatible provider without a base URL is a permanent error naming the setting', async () => {
    const { context } = llmContext();
    const error = await failure(
      runTool(llmGenerate, { provider: 'openai_compatible', model: 'm', prompt: 'hi' }, context),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/^settings\.providers\.openai_compatible\.baseUrl: required/);
  });

  it('a refused connection is retryable', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const model = await languageModel(
      { provider: 'ollama', model: 'llama3.2', baseUrl: `http://127.0.0.1:${port}/api`, apiKeySecret: 'x' },
      undefined,
    );
    const error = await failure(
      generate({ model, label: 'ollama llama3.2', prompt: 'hi', signal: new AbortController().signal, maxRetries: 0 }),
    );
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/^Cannot reach ollama llama3\.2/);
  });
});
