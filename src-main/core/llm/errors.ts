// Model call failures as ToolErrors: rate limits, server errors, timeouts, broken connections and
// malformed responses may be tried again; a rejected key, a bad request or an unknown model cannot.
import { APICallError, JSONParseError, RetryError, TypeValidationError } from 'ai';
import type { FailureKind } from '../model/outcome';
import { ToolError } from '../tools/tool';

const MAX_BODY_CHARS = 300;

/** What went wrong, said once: `where` names the provider and model ("anthropic claude-sonnet-4-5"). */
export function modelCallError(error: unknown, where: string, signal: AbortSignal): ToolError {
  if (ToolError.isInstance(error)) return error;
  if (signal.aborted) {
    const reason = String(signal.reason ?? '');
    const kind: FailureKind = reason.includes('timeout') ? 'timeout' : 'cancelled';
    return new ToolError(kind, `The call to ${where} was stopped (${reason || 'aborted'})`, { reason });
  }
  let cause = error;
  let attempts = 1;
  if (RetryError.isInstance(error)) {
    cause = error.lastError;
    attempts = error.errors.length;
  }
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (APICallError.isInstance(cause) && !isMalformed(cause)) return apiCallError(cause, where, tries, attempts);
  if (isMalformed(cause)) {
    return new ToolError('retryable', `${where} sent a malformed response${tries}: ${clip(messageOf(cause))}`, {
      attempts,
      malformed: true,
    });
  }
  return new ToolError('retryable', `The call to ${where} failed${tries}: ${clip(messageOf(cause))}`, { attempts });
}

/**
 * A response that could not be parsed. Some adapters (Anthropic's) re-throw a parse failure of the
 * first event as an HTTP 500 that never happened; the SDK's own parse messages give it away.
 */
function isMalformed(error: unknown): boolean {
  if (JSONParseError.isInstance(error) || TypeValidationError.isInstance(error)) return true;
  return APICallError.isInstance(error) && /^(JSON parsing failed|Type validation failed)/.test(error.message);
}

function apiCallError(error: APICallError, where: string, tries: string, attempts: number): ToolError {
  const status = error.statusCode;
  const details = { status: status ?? null, attempts, url: error.url };
  const said = clip(providerMessage(error));
  if (status === undefined) {
    // No HTTP status at all: the connection failed (refused, reset, DNS).
    return new ToolError('retryable', `Cannot reach ${where}${tries}: ${said}`, details);
  }
  if (status === 429)
    return new ToolError('retryable', `${where} is rate limiting (HTTP 429)${tries}: ${said}`, details);
  if (status === 408 || status >= 500) {
    return new ToolError('retryable', `${where} failed with HTTP ${status}${tries}: ${said}`, details);
  }
  if (status === 401 || status === 403) {
    return new ToolError('permanent', `${where} refused the API key (HTTP ${status}): ${said}`, details);
  }
  if (status === 404) {
    return new ToolError('permanent', `${where}: not found (HTTP 404; is the model name right?): ${said}`, details);
  }
  return new ToolError('permanent', `${where} rejected the request (HTTP ${status}): ${said}`, details);
}

/** The provider's own words from an error body ({"error": {"message"}} and its variants) or the SDK's. */
function providerMessage(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? '') as { error?: { message?: unknown } | string; message?: unknown };
    const inner = typeof body.error === 'string' ? body.error : body.error?.message;
    if (typeof inner === 'string') return inner;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the SDK's message says what happened.
  }
  return error.message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_BODY_CHARS ? `${flat.slice(0, MAX_BODY_CHARS)}…` : flat;
}
