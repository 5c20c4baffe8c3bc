// Loopback model servers for tests: real HTTP on 127.0.0.1 speaking each provider's streaming wire
// format (Anthropic Messages SSE, OpenAI Responses SSE, chat completions SSE as OpenAI-compatible
// servers and Groq send it, Ollama's NDJSON /api/chat). A test scripts the replies in order and
// reads back the requests the provider adapter sent.
//
//   const srv = await startLlmServer('anthropic', [
//     { kind: 'json', value: { pass: false, confidence: 0.3, issues: ['unsure'] }, usage: { input: 120, output: 30 } },
//     { kind: 'status', status: 429, headers: { 'retry-after': '0.1' } },
//     { kind: 'text', text: 'Done.', delayMs: 50 },
//   ]);
//   settings.providers.anthropic = { baseUrl: srv.baseUrl, defaultModel: 'claude-sonnet-4-5' };
//   ... run the pipeline ...; srv.requests[0].body; await srv.close();
//
// Wire formats per provider id: anthropic 'anthropic', openai 'openai-responses', groq 'groq',
// ollama 'ollama', openai_compatible 'chat-completions'. An unscripted request gets an HTTP 500.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type WireFormat = 'anthropic' | 'openai-responses' | 'chat-completions' | 'groq' | 'ollama';

export interface ScriptedUsage {
  input: number;
  output: number;
}

/** One scripted reply; each request the server receives takes the next one. */
export type ScriptedReply = (
  | {
      kind: 'text';
      text: string;
      usage?: ScriptedUsage;
      /** The streamed pieces; by default the text is split after each space and newline. */
      chunks?: string[];
    }
  /** A structured answer: `value` as JSON text, streamed like any text. */
  | { kind: 'json'; value: unknown; usage?: ScriptedUsage }
  | {
      /** A tool call (chat completions only): the model asks to run `name` with `args`. */
      kind: 'tool_call';
      name: string;
      args: Record<string, unknown>;
      id?: string;
      usage?: ScriptedUsage;
    }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 200 with a stream whose first event is not valid JSON. */
  | { kind: 'malformed'; body?: string }
  /** Reads the request and never answers (until the client gives up or the server closes). */
  | { kind: 'hang' }
) & {
  /** Waits this long (real time) before answering. */
  delayMs?: number;
};

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: Record<string, unknown> | undefined;
  /** Real time (ms since the epoch) the request arrived: to observe retry delays. */
  receivedAt: number;
}

export interface LlmServer {
  readonly format: WireFormat;
  /** The base URL to give the provider (ends in /v1, or /api for Ollama). */
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  /** Appends replies to the script. */
  reply(...replies: ScriptedReply[]): void;
  /** Replies not yet used. */
  pending(): number;
  close(): Promise<void>;
}

const DEFAULT_USAGE: ScriptedUsage = { input: 11, output: 7 };

/** Starts a server for `format` on 127.0.0.1 and a free port. */
export async function startLlmServer(format: WireFormat, replies: ScriptedReply[] = []): Promise<LlmServer> {
  const script = [...replies];
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        receivedAt: Date.now(),
      });
      const next = script.shift() ?? {
        kind: 'status',
        status: 500,
        body: { error: { message: `the ${format} test server has no scripted reply for request ${requests.length}` } },
      };
      if (!next.delayMs) return answer(format, next, res, body);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(format, next, res, body);
      }, next.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    format,
    baseUrl: format === 'ollama' ? `${origin}/api` : `${origin}/v1`,
    requests,
    reply: (...more) => void script.push(...more),
    pending: () => script.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  format: WireFormat,
  reply: ScriptedReply,
  res: ServerResponse,
  request: Record<string, unknown> | undefined,
): void {
  switch (reply.kind) {
    case 'hang':
      return;
    case 'status':
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? errorBody(format, reply.status)));
      return;
    case 'malformed':
      startStream(format, res);
      res.end(
        format === 'ollama' ? `${reply.body ?? '{"model": oops'}\n` : `data: ${reply.body ?? '{"type": oops'}\n\n`,
      );
      return;
    case 'text':
    case 'json': {
      startStream(format, res);
      const text = reply.kind === 'json' ? JSON.stringify(reply.value) : reply.text;
      const chunks = reply.kind === 'text' && reply.chunks ? reply.chunks : splitText(text);
      res.end(textEvents(format, chunks, reply.usage ?? DEFAULT_USAGE, request).join(''));
      return;
    }
    case 'tool_call':
      if (format !== 'chat-completions' && format !== 'groq') {
        throw new Error(`the ${format} test server scripts tool calls only in the chat completions format`);
      }
      startStream(format, res);
      res.end(toolCallEvents(format, reply, reply.usage ?? DEFAULT_USAGE, request).join(''));
      return;
    default: {
      const unknown: never = reply;
      throw new Error(`unknown scripted reply ${JSON.stringify(unknown)}`);
    }
  }
}

function startStream(format: WireFormat, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': format === 'ollama' ? 'application/x-ndjson' : 'text/event-stream',
    'cache-control': 'no-cache',
  });
}

function splitText(text: string): string[] {
  return text.match(/[^ \n]*[ \n]?/g)?.filter((piece) => piece !== '') ?? [text];
}

function errorBody(format: WireFormat, status: number): unknown {
  const message = `scripted error ${status}`;
  if (format === 'anthropic') return { type: 'error', error: { type: 'api_error', message } };
  if (format === 'ollama') return { error: message };
  return { error: { message, type: 'server_error', code: null, param: null } };
}

const sse = (data: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function textEvents(
  format: WireFormat,
  chunks: string[],
  usage: ScriptedUsage,
  request: Record<string, unknown> | undefined,
): string[] {
  const model = typeof request?.model === 'string' ? request.model : 'test-model';
  switch (format) {
    case 'anthropic':
      return anthropicEvents(model, chunks, usage);
    case 'openai-responses':
      return responsesEvents(model, chunks, usage);
    case 'chat-completions':
    case 'groq':
      return chatEvents(format, model, request, usage, [
        { role: 'assistant', content: '' },
        ...chunks.map((content) => ({ content })),
      ]);
    case 'ollama':
      return ollamaEvents(model, chunks, usage);
  }
}

function anthropicEvents(model: string, chunks: string[], usage: ScriptedUsage): string[] {
  const event = (type: string, data: Record<string, unknown>): string => sse({ type, ...data }, type);
  return [
    event('message_start', {
      message: {
        id: 'msg_test_1',
        type: 'message',
        role: 'assistant',
        content: [],
        model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    event('ping', {}),
    ...chunks.map((text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
    event('message_stop', {}),
  ];
}

function responsesEvents(model: string, chunks: string[], usage: ScriptedUsage): string[] {
  const item = { type: 'message', id: 'msg_test_1', status: 'in_progress', role: 'assistant', content: [] };
  const text = chunks.join('');
  return [
    sse({
      type: 'response.created',
      sequence_number: 0,
      response: { id: 'resp_test_1', object: 'response', created_at: 1_764_000_000, model, status: 'in_progress' },
    }),
    sse({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item }),
    ...chunks.map((delta, i) =>
      sse({
        type: 'response.output_text.delta',
        sequence_number: 2 + i,
        item_id: 'msg_test_1',
        output_index: 0,
        content_index: 0,
        delta,
      }),
    ),
    sse({
      type: 'response.output_item.done',
      sequence_number: 2 + chunks.length,
      output_index: 0,
      item: { ...item, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] },
    }),
    sse({
      type: 'response.completed',
      sequence_number: 3 + chunks.length,
      response: {
        id: 'resp_test_1',
        object: 'response',
        created_at: 1_764_000_000,
        model,
        status: 'completed',
        usage: {
          input_tokens: usage.input,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.input + usage.output,
        },
      },
    }),
  ];
}

/**
 * Chat completions as OpenAI-compatible servers stream it: a usage chunk at the end only when the
 * request asked for it with stream_options.include_usage; Groq puts usage in x_groq instead.
 */
function chatEvents(
  format: 'chat-completions' | 'groq',
  model: string,
  request: Record<string, unknown> | undefined,
  usage: ScriptedUsage,
  deltas: Record<string, unknown>[],
  finishReason = 'stop',
): string[] {
  const base = { id: 'chatcmpl-test-1', object: 'chat.completion.chunk', created: 1_764_000_000, model };
  const wireUsage = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  const events = deltas.map((delta) =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] }),
  );
  events.push(
    sse({
      ...base,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }],
      ...(format === 'groq' ? { x_groq: { id: 'req_test_1', usage: wireUsage } } : {}),
    }),
  );
  const options = request?.stream_options as { include_usage?: boolean } | undefined;
  if (format === 'chat-completions' && options?.include_usage)
    events.push(sse({ ...base, choices: [], usage: wireUsage }));
  events.push(sse('[DONE]'));
  return events;
}

function toolCallEvents(
  format: 'chat-completions' | 'groq',
  reply: Extract<ScriptedReply, { kind: 'tool_call' }>,
  usage: ScriptedUsage,
  request: Record<string, unknown> | undefined,
): string[] {
  const model = typeof request?.model === 'string' ? request.model : 'test-model';
  const args = JSON.stringify(reply.args);
  const half = Math.floor(args.length / 2);
  const call = { index: 0, id: reply.id ?? 'call_test_1', type: 'function' };
  return chatEvents(
    format,
    model,
    request,
    usage,
    [
      { role: 'assistant', content: null, tool_calls: [{ ...call, function: { name: reply.name, arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] },
      { tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] },
    ],
    'tool_calls',
  );
}

function ollamaEvents(model: string, chunks: string[], usage: ScriptedUsage): string[] {
  const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
  const createdAt = '2026-11-23T15:30:00.000Z';
  return [
    ...chunks.map((content) =>
      line({ model, created_at: createdAt, message: { role: 'assistant', content }, done: false }),
    ),
    line({
      model,
      created_at: createdAt,
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'stop',
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: usage.input,
      prompt_eval_duration: 1000,
      eval_count: usage.output,
      eval_duration: 1000,
    }),
  ];
}
