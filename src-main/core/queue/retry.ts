// When a failed run or step is tried again: the task's retry policy, exponential backoff with
// jitter, and which errors are worth retrying at all. Pure: no clock, no timers, randomness passed in.
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { FailureKind } from '../model/outcome';
import { ToolError } from '../tools/tool';

export interface RetryPolicy {
  /** Attempts in total, the first one included: 3 means at most two retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Fraction 0..1 of the delay added or taken away at random, so failed runs do not retry in lockstep. */
  jitter: number;
  /** What a run left running by a crash does at the next start (see recovery.ts). */
  recovery: RecoveryPolicy;
}

/** 'resume': the same run continues from its last completed step; 'retry': a new attempt from scratch. */
export const recoveryPolicies = ['resume', 'retry'] as const;
export type RecoveryPolicy = (typeof recoveryPolicies)[number];

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  jitter: 0.2,
  recovery: 'resume',
};

// The API refuses values outside these bounds; parseRetryPolicy clamps stored values into them, so a
// row written by an older version or by hand never stalls a run for days.
const LIMITS = {
  maxAttempts: { min: 1, max: 20 },
  baseDelayMs: { min: 0, max: 3_600_000 },
  maxDelayMs: { min: 0, max: 24 * 3_600_000 },
  jitter: { min: 0, max: 1 },
} as const;

/** The stored and API shape of a task's retry_policy column (snake_case, every field optional). */
export const retryPolicyInput = z.object({
  max_attempts: z.number().int().min(LIMITS.maxAttempts.min).max(LIMITS.maxAttempts.max).optional(),
  base_delay_ms: z.number().int().min(LIMITS.baseDelayMs.min).max(LIMITS.baseDelayMs.max).optional(),
  max_delay_ms: z.number().int().min(LIMITS.maxDelayMs.min).max(LIMITS.maxDelayMs.max).optional(),
  jitter: z.number().min(LIMITS.jitter.min).max(LIMITS.jitter.max).optional(),
  recovery: z.enum(recoveryPolicies).optional(),
});

function clampField(value: unknown, fallback: number, limits: { min: number; max: number }, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const n = integer ? Math.round(value) : value;
  return Math.min(limits.max, Math.max(limits.min, n));
}

/**
 * The policy of a task from its stored retry_policy (an object or its JSON text). Lenient on purpose:
 * stored data was validated on the way in, and a damaged value must fall back to defaults, not fail the run.
 */
export function parseRetryPolicy(json: unknown): RetryPolicy {
  let raw: unknown = json;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      raw = {};
    }
  }
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_RETRY_POLICY;
  const baseDelayMs = clampField(o.base_delay_ms, d.baseDelayMs, LIMITS.baseDelayMs, true);
  const maxDelayMs = clampField(o.max_delay_ms, Math.max(d.maxDelayMs, baseDelayMs), LIMITS.maxDelayMs, true);
  return {
    maxAttempts: clampField(o.max_attempts, d.maxAttempts, LIMITS.maxAttempts, true),
    baseDelayMs,
    // A cap below the base would make every delay the cap; the base is what the user asked for.
    maxDelayMs: Math.max(maxDelayMs, baseDelayMs),
    jitter: clampField(o.jitter, d.jitter, LIMITS.jitter, false),
    recovery: o.recovery === 'retry' ? 'retry' : d.recovery,
  };
}

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
