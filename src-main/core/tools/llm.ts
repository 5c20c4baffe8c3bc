// llm.generate and llm.structured: a model call from a pipeline step. The answer streams to the run
// log; tokens and cost are metered; structured answers are checked against the step's JSON Schema
// and asked for again when invalid, and a model that still cannot answer validly halts the run.
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import { meteredCall, choiceFor, type MeteredResult } from '../llm/metered-call';
import { checkOutput, compileOutputSchema } from '../llm/structured';
import { providerIds } from '../settings/schema';
import { defineTool, ToolError, type ToolContext } from './tool';
import { defaultVerifierSystem } from './verifier-prompt';

const RAW_TEXT_IN_MESSAGE = 500;
const RAW_TEXT_KEPT = 20_000;

const message = z
  .object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().min(1, 'is empty') })
  .strict();

const callFields = {
  provider: z.enum(providerIds).optional(),
  model: z.string().min(1, 'is empty').optional(),
  prompt: z.string().min(1, 'is empty').optional(),
  messages: z.array(message).min(1, 'needs at least one message').optional(),
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().max(1_000_000).optional(),
};

function promptOrMessages(value: { prompt?: string | undefined; messages?: unknown }, ctx: z.RefinementCtx): void {
  if ((value.prompt === undefined) === (value.messages === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [value.prompt === undefined ? 'prompt' : 'messages'],
      message: 'give either prompt or messages (exactly one of them)',
    });
  }
}

const usageOutput = z.object({ input_tokens: z.number().int().min(0), output_tokens: z.number().int().min(0) });

export const llmGenerateInput = z.object(callFields).strict().superRefine(promptOrMessages);

export const llmGenerateOutput = z.object({
  text: z.string(),
  provider: z.enum(providerIds),
  model: z.string(),
  usage: usageOutput,
  cost_usd: z.number().min(0),
  finish_reason: z.string(),
});

export const llmStructuredInput = z
  .object({
    ...callFields,
    /** A JSON Schema the answer must match. */
    schema: z.record(z.string(), z.unknown()),
    max_attempts: z.number().int().min(1).max(5).default(2),
  })
  .strict()
  .superRefine(promptOrMessages);

export const llmStructuredOutput = llmGenerateOutput.extend({
  object: z.unknown(),
  attempts: z.number().int().min(1),
});

type CallFields = { prompt?: string | undefined; messages?: z.output<typeof message>[] | undefined };

/** The step's own system prompt; a verifier without one is told the task's success criteria. */
function systemFor(input: { system?: string | undefined }, context: ToolContext): string | undefined {
  if (input.system !== undefined || context.step.role !== 'verifier') return input.system;
  return defaultVerifierSystem(context.task.successCriteria);
}

function conversation(input: CallFields): ModelMessage[] {
  return input.messages ?? [{ role: 'user', content: input.prompt ?? '' }];
}

export const llmGenerate = defineTool({
  name: 'llm.generate',
  description:
    'Asks a language model (anthropic, openai, groq, ollama or an OpenAI-compatible server) for text. ' +
    'provider and model default to the settings. The answer streams to the run log; tokens and cost are ' +
    'recorded and count against the budgets.',
  input: llmGenerateInput,
  output: llmGenerateOutput,
  async execute(input, context) {
    const choice = choiceFor(context, input);
    const result = await meteredCall(context, choice, 'llm.generate', {
      system: systemFor(input, context),
      ...(input.messages ? { messages: input.messages } : { prompt: input.prompt }),
      temperature: input.temperature,
      maxOutputTokens: input.max_tokens,
    });
    return {
      text: result.text,
      provider: choice.provider,
      model: choice.model,
      usage: { input_tokens: result.usage.inputTokens, output_tokens: result.usage.outputTokens },
      cost_usd: result.costUsd,
      finish_reason: result.finishReason,
    };
  },
});

export const llmStructured = defineTool({
  name: 'llm.structured',
  description:
    'Asks a language model for a JSON value matching `schema` (a JSON Schema). An answer that is not JSON ' +
    'or does not match is asked for again, up to max_attempts (default 2); after that the run halts for a ' +
    'person, with the raw answer kept.',
  input: llmStructuredInput,
  output: llmStructuredOutput,
  async execute(input, context) {
    const schema = compileOutputSchema(input.schema, `steps.${context.stepId}.with.schema`);
    const choice = choiceFor(context, input);
    // The AI SDK is loaded by the first model call of the process, not when the host starts.
    const { jsonSchema, Output } = await import('ai');
    const output = Output.object({ schema: jsonSchema(input.schema) });
    const messages = conversation(input);
    const spent = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    let last: { result: MeteredResult; problem: string } | undefined;
    for (let attempt = 1; attempt <= input.max_attempts; attempt++) {
      const result = await meteredCall(context, choice, 'llm.structured', {
        system: systemFor(input, context),
        messages,
        temperature: input.temperature,
        maxOutputTokens: input.max_tokens,
        output,
      });
      spent.inputTokens += result.usage.inputTokens;
      spent.outputTokens += result.usage.outputTokens;
      spent.costUsd += result.costUsd;
      const checked = checkOutput(result.text, schema);
      if (checked.ok) {
        return {
          object: checked.value,
          text: result.text,
          provider: choice.provider,
          model: choice.model,
          usage: { input_tokens: spent.inputTokens, output_tokens: spent.outputTokens },
          cost_usd: spent.costUsd,
          finish_reason: result.finishReason,
          attempts: attempt,
        };
      }
      last = { result, problem: checked.problem };
      context.log({
        stream: 'system',
        level: 'warn',
        message: `Attempt ${attempt} of ${input.max_attempts}: the answer ${checked.problem}`,
      });
      messages.push(
        { role: 'assistant', content: result.text },
        {
          role: 'user',
          content: `That answer ${checked.problem}. Reply again with only a JSON value that matches the schema.`,
        },
      );
    }
    const rawText = last?.result.text ?? '';
    const clipped = rawText.length > RAW_TEXT_IN_MESSAGE ? `${rawText.slice(0, RAW_TEXT_IN_MESSAGE)}…` : rawText;
    throw new ToolError(
      'halt',
      `${choice.provider} ${choice.model} gave no valid structured answer in ${input.max_attempts} ` +
        `attempt${input.max_attempts === 1 ? '' : 's'}: the last answer ${last?.problem}. Raw text: ${JSON.stringify(clipped)}`,
      {
        rawText: rawText.slice(0, RAW_TEXT_KEPT),
        problem: last?.problem,
        attempts: input.max_attempts,
        usage: spent,
      },
    );
  },
});
