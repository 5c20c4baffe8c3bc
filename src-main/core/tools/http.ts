// http.request: one HTTP call with fetch. Header values may name secrets ({secret:name}), which are
// resolved through the SecretStore and never logged; the response body is read up to a size cap.
import { z } from 'zod';
import type { SecretMasker } from '../lib/redact';
import { classifyError } from '../queue/retry';
import { defineTool, ToolError, type ToolContext } from './tool';

export const RESPONSE_CAP_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
// How much of an unexpected response's body an error message quotes.
const ERROR_BODY_CHARS = 500;
const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const SECRET_PLACEHOLDER = /\{secret:([A-Za-z0-9_.-]+)\}/g;

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'is not a valid HTTP header name');
const headerValue = z.string().refine((v) => !/[\r\n\0]/.test(v), 'must not contain line breaks or NUL');

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export const httpRequestInput = z
  .object({
    method: z.enum(methods).default('GET'),
    url: z.string().refine(isHttpUrl, 'must be an http:// or https:// URL'),
    headers: z.record(headerName, headerValue).optional(),
    /** Values with {secret:name} placeholders, filled from the SecretStore: "Bearer {secret:github_token}". */
    secret_headers: z
      .record(
        headerName,
        headerValue.refine((v) => /\{secret:[A-Za-z0-9_.-]+\}/.test(v), 'must hold a {secret:name} placeholder'),
      )
      .optional(),
    query: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Sent as a JSON body with content-type application/json. */
    json: z.unknown().optional(),
    body: z.string().optional(),
    timeout_ms: z.number().int().positive().max(MAX_TIMEOUT_MS).default(DEFAULT_TIMEOUT_MS),
    /** Statuses that count as success; by default any 2xx. */
    expect_status: z.array(z.number().int().min(100).max(599)).min(1).optional(),
    response: z.enum(['json', 'text']).default('text'),
    max_response_bytes: z
      .number()
      .int()
      .positive()
      .max(50 * RESPONSE_CAP_BYTES)
      .default(RESPONSE_CAP_BYTES),
  })
  .strict()
  .superRefine((input, ctx) => {
    const hasJson = input.json !== undefined;
    if (hasJson && input.body !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'give either json or body, not both' });
    }
    if ((hasJson || input.body !== undefined) && (input.method === 'GET' || input.method === 'HEAD')) {
      ctx.addIssue({ code: 'custom', path: ['method'], message: `${input.method} requests cannot have a body` });
    }
  });

export const httpRequestOutput = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** Parsed JSON (null for an empty body) or text, as `response` asked. */
  body: z.unknown(),
  /** True when the body passed max_response_bytes and only its start was kept. */
  truncated: z.boolean(),
});

type HttpRequestInput = z.output<typeof httpRequestInput>;

export const httpRequest = defineTool({
  name: 'http.request',
  description:
    'Makes one HTTP or HTTPS request. secret_headers values hold {secret:name} placeholders filled from the ' +
    'SecretStore (masked everywhere). Any 2xx is success unless expect_status lists the statuses to accept. ' +
    'Network errors, timeouts, 408, 425, 429 and 5xx are retryable; other statuses are permanent. Bodies ' +
    'over max_response_bytes (1 MB by default) are cut off and marked truncated.',
  input: httpRequestInput,
  output: httpRequestOutput,
  async execute(input, context) {
    const url = buildUrl(input);
    // Only the origin and path are logged: a query string may carry a key.
    const where = `${input.method} ${url.origin}${url.pathname}`;
    if (context.signal.aborted) throw new ToolError('cancelled', `${where} was cancelled before it started`);
    const headers = await buildHeaders(input, context);
    const secretCount = Object.keys(input.secret_headers ?? {}).length;
    context.log({
      stream: 'system',
      message: `→ ${where}${secretCount > 0 ? ` (${secretCount} header${secretCount > 1 ? 's' : ''} from secrets)` : ''}`,
    });

    const startedAt = context.clock.now();
    const abort = abortControl(input.timeout_ms, context);
    try {
      const response = await send(url, input, headers, abort.signal, secretCount > 0);
      const { masker } = context.services;
      const read = maskCutEnd(await readCapped(response, input.max_response_bytes), masker);
      const elapsed = context.clock.now() - startedAt;
      context.log({
        stream: 'system',
        message: `← ${response.status} ${response.statusText} (${read.bytes} bytes, ${elapsed} ms)`,
      });
      if (read.truncated) {
        context.log({
          stream: 'system',
          level: 'warn',
          message: `response body passed ${input.max_response_bytes} bytes; only the start was kept`,
        });
      }
      checkStatus(input, where, response, () => masker.head(read.text, ERROR_BODY_CHARS));
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: input.response === 'json' ? parseJson(where, read, input.max_response_bytes, masker) : read.text,
        truncated: read.truncated,
      };
    } catch (error) {
      if (ToolError.isInstance(error)) throw error;
      if (abort.reason() === 'timeout') {
        throw new ToolError('timeout', `${where} timed out after ${input.timeout_ms} ms`);
      }
      if (abort.reason() === 'cancelled') throw new ToolError('cancelled', `${where} was cancelled`);
      const kind = classifyError(error);
      throw new ToolError(kind === 'permanent' ? 'permanent' : 'retryable', `${where} failed: ${networkCause(error)}`);
    } finally {
      abort.release();
    }
  },
});

/**
 * fetch() follows redirects itself, but it would carry a secret header such as X-Api-Key to any
 * host a redirect names. A request with secret headers follows redirects here instead, and only
 * within the origin it was sent to.
 */
async function send(
  url: URL,
  input: HttpRequestInput,
  headers: Headers,
  signal: AbortSignal,
  hasSecrets: boolean,
): Promise<Response> {
  let body = input.json !== undefined ? JSON.stringify(input.json) : input.body;
  let method: string = input.method;
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, {
      method,
      headers,
      body,
      signal,
      redirect: hasSecrets ? 'manual' : 'follow',
    });
    const location = response.headers.get('location');
    if (!hasSecrets || !REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== url.origin) {
      throw new ToolError(
        'permanent',
        `${input.method} ${url.origin}${url.pathname} redirected to ${next.origin}; ` +
          'secret headers are only sent to the origin they were given for',
        { status: response.status },
      );
    }
    if (hop + 1 >= MAX_REDIRECTS) {
      throw new ToolError(
        'permanent',
        `${input.method} ${url.origin}${url.pathname}: more than ${MAX_REDIRECTS} redirects`,
      );
    }
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without a body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers.delete('content-type');
    }
    current = next;
  }
}

function buildUrl(input: HttpRequestInput): URL {
  const url = new URL(input.url);
  for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.append(name, String(value));
  return url;
}

async function buildHeaders(input: HttpRequestInput, context: ToolContext): Promise<Headers> {
  const headers = new Headers(input.headers);
  if (input.json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  for (const [name, template] of Object.entries(input.secret_headers ?? {})) {
    let value = template;
    for (const [placeholder, secretName] of template.matchAll(SECRET_PLACEHOLDER)) {
      const secret = await context.services.secret(secretName as string);
      if (secret === undefined || secret === '') {
        throw new ToolError('permanent', `secret_headers.${name}: secret "${secretName}" is not set`, {
          secret: secretName,
        });
      }
      value = value.split(placeholder).join(secret);
    }
    headers.set(name, value);
  }
  return headers;
}

interface AbortControl {
  signal: AbortSignal;
  reason(): 'timeout' | 'cancelled' | undefined;
  release(): void;
}

/** One signal for fetch that fires on the step's abort or on this request's own timeout. */
function abortControl(timeoutMs: number, context: ToolContext): AbortControl {
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;
  const stop = (why: 'timeout' | 'cancelled') => {
    reason ??= why;
    controller.abort();
  };
  const onAbort = () => stop('cancelled');
  context.signal.addEventListener('abort', onAbort, { once: true });
  const cancelTimer = context.clock.setTimer(() => stop('timeout'), timeoutMs);
  return {
    signal: controller.signal,
    reason: () => reason,
    release() {
      cancelTimer();
      context.signal.removeEventListener('abort', onAbort);
    },
  };
}

interface ReadBody {
  text: string;
  bytes: number;
  truncated: boolean;
}

async function readCapped(response: Response, capBytes: number): Promise<ReadBody> {
  if (!response.body) return { text: '', bytes: 0, truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const kept = value.subarray(0, Math.max(0, capBytes - bytes));
    chunks.push(kept);
    bytes += kept.length;
    if (kept.length < value.length) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated };
}

/** A body cut at the cap may end inside a secret: that piece is masked before anything keeps it. */
function maskCutEnd(read: ReadBody, masker: SecretMasker): ReadBody {
  return read.truncated ? { ...read, text: masker.head(read.text, read.text.length, { truncated: true }) } : read;
}

/** `snippetOf`: the start of the body for the error, masked before it is cut. */
function checkStatus(input: HttpRequestInput, where: string, response: Response, snippetOf: () => string): void {
  const { status } = response;
  const expected = input.expect_status ? input.expect_status.includes(status) : status >= 200 && status < 300;
  if (expected) return;
  const retryable = status >= 500 || status === 408 || status === 425 || status === 429;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const snippet = snippetOf();
  throw new ToolError(
    retryable ? 'retryable' : 'permanent',
    `${where} returned ${status} ${response.statusText}` +
      (input.expect_status ? ` (expected ${input.expect_status.join(', ')})` : '') +
      (snippet ? `: ${snippet}` : ''),
    { status, ...(retryAfterMs !== undefined ? { retry_after_ms: retryAfterMs } : {}) },
  );
}

/** Retry-After in seconds; the HTTP-date form is left to the retry policy's own backoff. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

function parseJson(where: string, read: ReadBody, capBytes: number, masker: SecretMasker): unknown {
  if (read.truncated) {
    throw new ToolError(
      'permanent',
      `${where}: the JSON response passed max_response_bytes (${capBytes}); raise it or ask for response: text`,
    );
  }
  if (read.text.trim() === '') return null;
  try {
    return JSON.parse(read.text) as unknown;
  } catch (error) {
    throw new ToolError(
      'permanent',
      `${where}: response is not JSON (${(error as Error).message}): ${masker.head(read.text, ERROR_BODY_CHARS)}`,
    );
  }
}

/** fetch() hides the network error in `cause`: "fetch failed" alone says nothing. */
function networkCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${cause.message}${code && !cause.message.includes(code) ? ` (${code})` : ''}`;
  }
  return error.message;
}
