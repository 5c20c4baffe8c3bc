// The real provider adapters against loopback servers speaking each provider's wire format: the
// answer streams into the run log line by line and comes back with the server's token counts.
import { describe, expect, it } from 'vitest';
import { providerIds, type ProviderId } from '../../../../src-main/core/settings/schema';
import { runTool } from '../../../../src-main/core/tools/registry';
import { llmGenerate } from '../../../../src-main/core/tools/llm';
import { formatOf, llmContext, providerSettings, server } from './llm-context';

const ANSWER = 'Good morning.\nThree meetings today.\nNo rain expected.';

const models: Record<ProviderId, string> = {
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-4.1-mini',
  groq: 'llama-3.3-70b-versatile',
  ollama: 'llama3.2',
  openai_compatible: 'qwen2.5-7b-instruct',
};

describe.each(providerIds)('llm.generate through %s', (provider) => {
  it('streams the answer into the run log as whole lines and returns the text and the token counts', async () => {
    const srv = await server(formatOf[provider], [{ kind: 'text', text: ANSWER, usage: { input: 42, output: 17 } }]);
    const { context, usage, messages } = llmContext({
      settings: providerSettings(provider, srv.baseUrl, models[provider]),
      secrets: { [`${provider}_api_key`]: 'sk-test-key-123' },
    });

    const output = await runTool(llmGenerate, { prompt: 'Brief me', system: 'Be short.' }, context);

    expect(output).toMatchObject({
      text: ANSWER,
      provider,
      model: models[provider],
      usage: { input_tokens: 42, output_tokens: 17 },
      finish_reason: 'stop',
    });
    expect(messages('stdout')).toEqual(['Good morning.', 'Three meetings today.', 'No rain expected.']);
    expect(usage).toEqual([
      expect.objectContaining({
        provider,
        model: models[provider],
        operation: 'llm.generate',
        inputTokens: 42,
        outputTokens: 17,
        success: true,
      }),
    ]);
    expect(srv.requests).toHaveLength(1);
    const request = srv.requests[0]!;
    expect(request.body?.model).toBe(models[provider]);
    expect(JSON.stringify(request.body)).toContain('Brief me');
    expect(JSON.stringify(request.body)).toContain('Be short.');
    const auth = provider === 'anthropic' ? request.headers['x-api-key'] : request.headers.authorization;
    expect(auth).toBe(provider === 'anthropic' ? 'sk-test-key-123' : 'Bearer sk-test-key-123');
  });
});

describe('wire details', () => {
  it('speaks the Responses API for openai (POST /v1/responses, streamed)', async () => {
    const srv = await server('openai-responses', [{ kind: 'text', text: 'ok' }]);
    const { context } = llmContext({
      settings: providerSettings('openai', srv.baseUrl, 'gpt-4.1-mini'),
      secrets: { openai_api_key: 'sk-openai' },
    });
    await runTool(llmGenerate, { prompt: 'hi' }, context);
    expect(srv.requests[0]).toMatchObject({ method: 'POST', path: '/v1/responses', body: { stream: true } });
  });

  it('asks OpenAI-compatible servers for usage with stream_options.include_usage', async () => {
    const srv = await server('chat-completions', [{ kind: 'text', text: 'ok', usage: { input: 5, output: 2 } }]);
    const { context } = llmContext({ settings: providerSettings('openai_compatible', srv.baseUrl, 'local-model') });
    const output = await runTool(llmGenerate, { prompt: 'hi' }, context);
    expect(srv.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: { stream: true, stream_options: { include_usage: true } },
    });
    expect(output).toMatchObject({ usage: { input_tokens: 5, output_tokens: 2 } });
  });

  it('runs ollama and openai_compatible without a key and sends no authorization header', async () => {
    const ollama = await server('ollama', [{ kind: 'text', text: 'local answer' }]);
    const { context } = llmContext({ settings: providerSettings('ollama', ollama.baseUrl, 'llama3.2') });
    const output = await runTool(llmGenerate, { messages: [{ role: 'user', content: 'hi' }] }, context);
    expect(output).toMatchObject({ text: 'local answer' });
    expect(ollama.requests[0]).toMatchObject({ path: '/api/chat', body: { stream: true } });
    expect(ollama.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('holds back a line until it is complete, however the tokens are split', async () => {
    const srv = await server('anthropic', [
      { kind: 'text', text: 'first line\nsecond line', chunks: ['fir', 'st li', 'ne\nsec', 'ond', ' line'] },
    ]);
    const { context, messages } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: 'k' },
    });
    await runTool(llmGenerate, { prompt: 'hi' }, context);
    expect(messages('stdout')).toEqual(['first line', 'second line']);
  });
});

describe('what the adapter reports', () => {
  it("writes the adapter's warnings (a setting the model ignores) to the run log", async () => {
    const srv = await server('openai-responses', [{ kind: 'text', text: 'ok' }]);
    const { context, lines } = llmContext({
      settings: providerSettings('openai', srv.baseUrl, 'gpt-5-mini'),
      secrets: { openai_api_key: 'k' },
    });
    await runTool(llmGenerate, { prompt: 'hi', temperature: 0.2 }, context);
    expect(lines).toContainEqual({
      stream: 'system',
      level: 'warn',
      message: expect.stringMatching(/^openai gpt-5-mini does not support temperature/),
    });
    expect(srv.requests[0]!.body?.temperature).toBeUndefined();
  });
});
