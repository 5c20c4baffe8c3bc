// One model call as a tool makes it: budgets checked first, the key from the SecretStore, the answer
// streamed to the run log, and the call recorded in api_usage whether it worked or not.
import type { ModelMessage, OutputInterface } from 'ai';
import type { ProviderId } from '../settings/schema';
import { ToolError, type ToolContext } from '../tools/tool';
import type { GenerateResult } from './generate';
import { apiKeyFor, chooseProvider, languageModel, type ProviderChoice } from './providers';

export interface ModelCallInput {
  provider?: ProviderId | undefined;
  model?: string | undefined;
  system?: string | undefined;
  prompt?: string | undefined;
  messages?: ModelMessage[] | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  output?: OutputInterface | undefined;
}

export interface MeteredResult extends GenerateResult {
  choice: ProviderChoice;
  costUsd: number;
}

/** Picks the provider and model for a step (settings fill what the step leaves out). */
export function choiceFor(context: ToolContext, input: Pick<ModelCallInput, 'provider' | 'model'>): ProviderChoice {
  return chooseProvider(context.services.settings(), input);
}

export async function meteredCall(
  context: ToolContext,
  choice: ProviderChoice,
  operation: string,
  input: ModelCallInput,
): Promise<MeteredResult> {
  const { usage } = context.services;
  usage.beforeCall({ provider: choice.provider, model: choice.model });
  const apiKey = await apiKeyFor(choice, (name) => context.services.secret(name));
  const startedAt = context.clock.now();
  try {
    // The AI SDK loads with the first model call, not with the host (see languageModel).
    const { generate } = await import('./generate');
    const result = await generate({
      model: await languageModel(choice, apiKey),
      label: `${choice.provider} ${choice.model}`,
      system: input.system,
      prompt: input.prompt,
      messages: input.messages,
      temperature: input.temperature,
      maxOutputTokens: input.maxOutputTokens,
      output: input.output,
      signal: context.signal,
      onLine: (message) => context.log({ stream: 'stdout', message }),
      onWarning: (message) => context.log({ stream: 'system', level: 'warn', message }),
    });
    const costUsd = usage.record({
      provider: choice.provider,
      model: choice.model,
      operation,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      latencyMs: context.clock.now() - startedAt,
      success: true,
      metadata: { stepId: context.stepId, finishReason: result.finishReason },
    });
    return { ...result, choice, costUsd };
  } catch (error) {
    const failure = ToolError.isInstance(error) ? error : new ToolError('retryable', String(error));
    const spent = failure.details.usage as { inputTokens: number; outputTokens: number } | undefined;
    usage.record({
      provider: choice.provider,
      model: choice.model,
      operation,
      inputTokens: spent?.inputTokens ?? 0,
      outputTokens: spent?.outputTokens ?? 0,
      latencyMs: context.clock.now() - startedAt,
      success: false,
      error: failure.message,
      metadata: { stepId: context.stepId, kind: failure.kind },
    });
    throw failure;
  }
}
