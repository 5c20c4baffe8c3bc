// generate(): one streamed model call through the AI SDK. Tokens are gathered into whole lines for
// the run log, tools (AI SDK tools) may be called for up to maxSteps rounds, the caller's
// AbortSignal stops the request, and every failure comes out as a classified ToolError.
import {
  JSONParseError,
  stepCountIs,
  streamText,
  type CallWarning,
  type FinishReason,
  type LanguageModel,
  type ModelMessage,
  type OutputInterface,
  type ToolSet,
} from 'ai';
import { modelCallError } from './errors';

/**
 * Retries of one request inside the AI SDK: 429 (after its retry-after or retry-after-ms when under
 * a minute), 5xx and broken connections, waiting 2 s then 4 s otherwise. After that the failure is
 * the step's, and the step's retry policy decides.
 */
export const SDK_MAX_RETRIES = 2;

// The SDK would also print every adapter warning to the console; they go to the run log instead.
globalThis.AI_SDK_LOG_WARNINGS = false;

/** A line longer than this is written in pieces rather than held back. */
const MAX_LINE_CHARS = 2000;
/** How much of an interrupted answer a failure keeps in its details. */
const MAX_PARTIAL_TEXT = 2000;

export interface GenerateRequest {
  model: LanguageModel;
  /** Names the provider and model in errors ("anthropic claude-sonnet-4-5"). */
  label: string;
  system?: string | undefined;
  prompt?: string | undefined;
  messages?: ModelMessage[] | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  tools?: ToolSet | undefined;
  /** Model rounds when tools are given (each tool result goes back to the model): default 5. */
  maxSteps?: number | undefined;
  /** A structured output request (Output.object): sets the provider's JSON response format. */
  output?: OutputInterface | undefined;
  signal: AbortSignal;
  /** Receives the answer line by line as it streams. */
  onLine?: ((line: string) => void) | undefined;
  /** Receives what the provider adapter says it ignored or changed (an unsupported setting). */
  onWarning?: ((warning: string) => void) | undefined;
  maxRetries?: number | undefined;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  usage: { inputTokens: number; outputTokens: number };
  toolCalls: { toolName: string; input: unknown }[];
  /** Model requests made (more than one when tools were called). */
  steps: number;
}

/** Thrown errors carry the tokens spent before the failure, so the call can still be metered. */
export async function generate(request: GenerateRequest): Promise<GenerateResult> {
  const lines = lineSplitter(request.onLine);
  let text = '';
  let failure: unknown;
  let finishReason: FinishReason = 'other';
  let usage = { inputTokens: 0, outputTokens: 0 };
  let steps = 0;
  const toolCalls: GenerateResult['toolCalls'] = [];
  const base = {
    model: request.model,
    system: request.system,
    temperature: request.temperature,
    maxOutputTokens: request.maxOutputTokens,
    abortSignal: request.signal,
    maxRetries: request.maxRetries ?? SDK_MAX_RETRIES,
    ...(request.tools ? { tools: request.tools, stopWhen: stepCountIs(request.maxSteps ?? 5) } : {}),
    ...(request.output ? { output: request.output } : {}),
    // Errors arrive as 'error' parts below; this keeps the SDK from printing them too.
    onError: () => {},
  };
  const result = request.messages
    ? streamText({ ...base, messages: request.messages })
    : streamText({ ...base, prompt: request.prompt ?? '' });
  try {
    for await (const part of result.fullStream) {
      switch (part.type) {
        case 'text-delta':
          text += part.text;
          lines.push(part.text);
          break;
        case 'tool-call':
          toolCalls.push({ toolName: part.toolName, input: part.input });
          break;
        case 'start-step':
          for (const warning of part.warnings) request.onWarning?.(describeWarning(warning, request.label));
          break;
        case 'finish-step':
          steps++;
          usage = {
            inputTokens: usage.inputTokens + (part.usage.inputTokens ?? 0),
            outputTokens: usage.outputTokens + (part.usage.outputTokens ?? 0),
          };
          break;
        case 'finish':
          finishReason = part.finishReason;
          break;
        case 'error':
          failure ??= part.error;
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure ??= error;
  }
  lines.end();
  if (failure === undefined && request.signal.aborted) failure = request.signal.reason;
  if (failure === undefined && finishReason === 'error') failure = new Error('the stream ended with an error');
  // Some adapters skip lines they cannot parse (Ollama's NDJSON) and end quietly: an answer with no
  // text, no tool call and no tokens counted is a response that could not be read.
  const nothing = text === '' && toolCalls.length === 0 && usage.inputTokens === 0 && usage.outputTokens === 0;
  if (failure === undefined && nothing) {
    failure = new JSONParseError({ text: '', cause: new Error('no readable answer in the response') });
  }
  if (failure !== undefined) {
    const error = modelCallError(failure, request.label, request.signal);
    error.details.usage = usage;
    error.details.partialText = text.slice(0, MAX_PARTIAL_TEXT);
    throw error;
  }
  return { text, finishReason, usage, toolCalls, steps };
}

function describeWarning(warning: CallWarning, label: string): string {
  switch (warning.type) {
    case 'unsupported':
      return `${label} does not support ${warning.feature}${warning.details ? `: ${warning.details}` : ''}`;
    case 'compatibility':
      return `${label} uses ${warning.feature} in a compatibility mode${warning.details ? `: ${warning.details}` : ''}`;
    case 'other':
      return `${label}: ${warning.message}`;
    default: {
      const unknown: never = warning;
      return `${label}: ${JSON.stringify(unknown)}`;
    }
  }
}

/** Buffers streamed text and hands on whole lines (the last, unterminated one at end()). */
function lineSplitter(onLine: ((line: string) => void) | undefined) {
  let pending = '';
  return {
    push(piece: string): void {
      if (!onLine) return;
      pending += piece;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      while (pending.length > MAX_LINE_CHARS) {
        onLine(pending.slice(0, MAX_LINE_CHARS));
        pending = pending.slice(MAX_LINE_CHARS);
      }
    },
    end(): void {
      if (onLine && pending !== '') onLine(pending);
      pending = '';
    },
  };
}
