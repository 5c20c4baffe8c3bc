// generate() with AI SDK tools against an OpenAI-format loopback server: the model asks for a tool,
// the tool runs, its result goes back in a second request, and the model answers.
import { tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generate } from '../../../../src-main/core/llm/generate';
import { languageModel } from '../../../../src-main/core/llm/providers';
import { server } from './llm-context';

describe('tool calling', () => {
  it('runs the tool the model asks for and sends its result back for the final answer', async () => {
    const srv = await server('chat-completions', [
      { kind: 'tool_call', name: 'weather', args: { city: 'Denver' }, id: 'call_1', usage: { input: 50, output: 12 } },
      { kind: 'text', text: 'Denver: 41°F and clear.', usage: { input: 80, output: 9 } },
    ]);
    const asked: string[] = [];
    const weather = tool({
      description: 'Current weather for a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        asked.push(city);
        return { city, temperatureF: 41, sky: 'clear' };
      },
    });
    const lines: string[] = [];

    const result = await generate({
      model: await languageModel(
        { provider: 'openai_compatible', model: 'local', baseUrl: srv.baseUrl, apiKeySecret: 'none' },
        undefined,
      ),
      label: 'openai_compatible local',
      prompt: 'What is the weather in Denver?',
      tools: { weather },
      signal: new AbortController().signal,
      onLine: (line) => lines.push(line),
    });

    expect(asked).toEqual(['Denver']);
    expect(result.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Denver' } }]);
    expect(result.text).toBe('Denver: 41°F and clear.');
    expect(result.steps).toBe(2);
    expect(result.usage).toEqual({ inputTokens: 130, outputTokens: 21 });
    expect(lines).toEqual(['Denver: 41°F and clear.']);
    expect(srv.requests).toHaveLength(2);
    const first = srv.requests[0]!.body as { tools: { function: { name: string } }[] };
    expect(first.tools.map((t) => t.function.name)).toEqual(['weather']);
    const second = srv.requests[1]!.body as { messages: { role: string; tool_call_id?: string; content: unknown }[] };
    const toolMessage = second.messages.find((m) => m.role === 'tool');
    expect(toolMessage?.tool_call_id).toBe('call_1');
    expect(JSON.stringify(toolMessage?.content)).toContain('clear');
  });
});
