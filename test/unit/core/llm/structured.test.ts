// llm.structured against loopback servers: a valid answer, an invalid one asked for again, and a
// model that never answers validly, which halts the run with its raw text kept.
import { describe, expect, it } from 'vitest';
import { runTool } from '../../../../src-main/core/tools/registry';
import { llmStructured } from '../../../../src-main/core/tools/llm';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { llmContext, providerSettings, server } from './llm-context';

const verdictSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    issues: { type: 'array', items: { type: 'string' } },
  },
  required: ['pass', 'confidence', 'issues'],
  additionalProperties: false,
};

const valid = { pass: true, confidence: 0.92, issues: [] };

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe('llm.structured', () => {
  it('returns the parsed object when the first answer matches, and sends the schema to the provider', async () => {
    const srv = await server('anthropic', [{ kind: 'json', value: valid, usage: { input: 30, output: 9 } }]);
    const { context, usage } = llmContext({
      settings: providerSettings('anthropic', srv.baseUrl, 'claude-sonnet-4-5'),
      secrets: { anthropic_api_key: 'k' },
    });

    const output = await runTool(llmStructured, { prompt: 'Verify the draft', schema: verdictSchema }, context);

    expect(output).toMatchObject({ object: valid, attempts: 1, usage: { input_tokens: 30, output_tokens: 9 } });
    expect(srv.requests).toHaveLength(1);
    expect(JSON.stringify(srv.requests[0]!.body)).toContain('"confidence"');
    expect(usage.map((u) => u.operation)).toEqual(['llm.structured']);
  });

  it('asks again after an invalid answer, telling the model what was wrong, and sums both calls', async () => {
    const srv = await server('openai-responses', [
      { kind: 'text', text: '{"pass": "yes", "confidence": 0.9, "issues": []}', usage: { input: 20, output: 10 } },
      { kind: 'text', text: JSON.stringify(valid), usage: { input: 40, output: 8 } },
    ]);
    const { context, usage, messages } = llmContext({
      settings: providerSettings('openai', srv.baseUrl, 'gpt-4.1-mini'),
      secrets: { openai_api_key: 'k' },
    });

    const output = await runTool(llmStructured, { prompt: 'Verify the draft', schema: verdictSchema }, context);

    expect(output).toMatchObject({ object: valid, attempts: 2, usage: { input_tokens: 60, output_tokens: 18 } });
    expect(srv.requests).toHaveLength(2);
    const retry = JSON.stringify(srv.requests[1]!.body);
    expect(retry).toContain('does not match the schema');
    expect(retry).toContain('$.pass');
    expect(usage).toHaveLength(2);
    expect(messages('system').join('\n')).toContain('Attempt 1 of 2');
  });

  it('accepts an answer wrapped in a ```json fence', async () => {
    const srv = await server('ollama', [{ kind: 'text', text: '```json\n' + JSON.stringify(valid) + '\n```' }]);
    const { context } = llmContext({ settings: providerSettings('ollama', srv.baseUrl, 'llama3.2') });
    const output = await runTool(llmStructured, { prompt: 'Verify', schema: verdictSchema }, context);
    expect(output).toMatchObject({ object: valid, attempts: 1 });
  });

  it('halts after max_attempts invalid answers, keeping the raw text in the error', async () => {
    const srv = await server('groq', [
      { kind: 'text', text: 'I think it passes, mostly.' },
      { kind: 'text', text: 'Sure! The draft passes with high confidence.' },
    ]);
    const { context, usage } = llmContext({
      settings: providerSettings('groq', srv.baseUrl, 'llama-3.3-70b-versatile'),
      secrets: { groq_api_key: 'k' },
    });

    const error = await failure(runTool(llmStructured, { prompt: 'Verify', schema: verdictSchema }, context));

    expect(error.kind).toBe('halt');
    expect(error.message).toContain('no valid structured answer in 2 attempts');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('Sure! The draft passes with high confidence.');
    expect(error.details.rawText).toBe('Sure! The draft passes with high confidence.');
    expect(srv.requests).toHaveLength(2);
    expect(usage.map((u) => u.success)).toEqual([true, true]);
  });

  it('makes exactly max_attempts calls', async () => {
    const srv = await server('chat-completions', [
      { kind: 'text', text: '[]' },
      { kind: 'text', text: '{}' },
      { kind: 'text', text: '{"pass": true}' },
    ]);
    const { context } = llmContext({ settings: providerSettings('openai_compatible', srv.baseUrl, 'local') });
    const error = await failure(
      runTool(llmStructured, { prompt: 'Verify', schema: verdictSchema, max_attempts: 3 }, context),
    );
    expect(error.kind).toBe('halt');
    expect(error.message).toContain('in 3 attempts');
    expect(error.message).toContain('$.confidence');
    expect(srv.requests).toHaveLength(3);
  });

  it('refuses a step with both prompt and messages, naming the field', async () => {
    const { context } = llmContext();
    const error = await failure(
      runTool(
        llmStructured,
        { prompt: 'a', messages: [{ role: 'user', content: 'b' }], schema: verdictSchema },
        context,
      ),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('steps.build.with: messages: give either prompt or messages (exactly one of them)');
  });

  it('refuses a schema that is not a usable JSON Schema before calling the model', async () => {
    const srv = await server('ollama');
    const { context } = llmContext({ settings: providerSettings('ollama', srv.baseUrl, 'llama3.2') });
    const error = await failure(runTool(llmStructured, { prompt: 'a', schema: { type: 'no-such-type' } }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/^steps\.build\.with\.schema: not a usable JSON Schema/);
    expect(srv.requests).toHaveLength(0);
  });
});
