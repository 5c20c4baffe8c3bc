// When a failed run or step is tried again: the task's retry policy, exponential backoff with
// jitter, and which errors are worth retrying at all. Pure: no clock, no timers, randomness passed in.
import { AppError } from '../lib/errors';
import type { FailureKind } from '../model/outcome';
import type { RetryPolicy } from '../model/retry-policy';
import { ToolError } from '../tools/tool';

/**
 * Delay before the attempt after `attempt` (1-based, the one that just failed): base * 2^(attempt-1)
 * capped at maxDelayMs (1 s, 2 s, 4 s, 8 s ... by default), then moved by up to ±jitter. The cap holds
 * after the jitter too, so at the cap the jitter only shortens the wait. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  // Exponent bounded so a huge attempt number gives the cap, not Infinity (or NaN with a zero base).
  const exponent = Math.min(Math.max(Math.floor(attempt), 1) - 1, 52);
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = raw * (1 + policy.jitter * (2 * random() - 1));
  return Math.round(Math.min(policy.maxDelayMs, Math.max(0, jittered)));
}

export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number };

/** Whether to try again after `attempt` (1-based) failed with `failure`, and after how long. */
export function retryDecision(
  failure: { kind: FailureKind },
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  switch (failure.kind) {
    case 'permanent':
      return { retry: false, reason: 'permanent error' };
    case 'cancelled':
      // The user (or a shutdown) asked for it to stop; trying again would undo that.
      return { retry: false, reason: 'cancelled' };
    case 'halt':
      // A person decides what happens next; trying again would not ask them.
      return { retry: false, reason: 'halted for a decision' };
    case 'retryable':
    case 'timeout':
      if (attempt >= policy.maxAttempts) {
        return { retry: false, reason: `attempts exhausted (${attempt} of ${policy.maxAttempts})` };
      }
      return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
    default: {
      const never: never = failure.kind;
      throw new Error(`Unknown failure kind ${String(never)}`);
    }
  }
}

/**
 * Node and undici error codes of a connection that failed or dropped: the other side may be back
 * in a moment. ENOTFOUND is here on purpose: it is what a laptop just back from sleep gets before
 * its network is up (macOS reports no network as ENOTFOUND), and a mistyped host costs only a few
 * bounded retries, whereas calling it permanent would fail scheduled runs after every wake-up.
 */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Request timeout, too early, rate limited: the same request may succeed later. */
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

function httpStatus(o: Record<string, unknown>): number | null {
  for (const value of [o.status, o.statusCode]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  return null;
}

/**
 * How to treat an error thrown by a step. Anything not recognised is permanent: a step may have had
 * side effects (sent a message, pushed a commit), and repeating it blindly could do them twice.
 */
export function classifyError(error: unknown): FailureKind {
  // fetch() wraps the network error in a TypeError's cause; a few levels are enough.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (ToolError.isInstance(current)) return current.kind;
    // Our own AppErrors are decisions (invalid input, not found, forbidden): the same call fails again.
    if (AppError.isInstance(current)) return 'permanent';
    const o = current as Record<string, unknown>;
    // AbortSignal.timeout() aborts with a TimeoutError; a plain abort is a cancellation.
    if (o.name === 'TimeoutError') return 'timeout';
    if (o.name === 'AbortError') return 'cancelled';
    if ((o.name === 'ZodError' || o.name === '$ZodError') && Array.isArray(o.issues)) return 'permanent';
    const status = httpStatus(o);
    if (status !== null) return status >= 500 || RETRYABLE_STATUSES.has(status) ? 'retryable' : 'permanent';
    if (typeof o.code === 'string' && RETRYABLE_CODES.has(o.code)) return 'retryable';
    current = o.cause;
  }
  return 'permanent';
}
