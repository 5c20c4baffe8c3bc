// A task's retry policy: its stored shape, its defaults and bounds, and the lenient reading of a
// stored value. The backoff and the retry decision built on it are in queue/retry.ts.
import { z } from 'zod';

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

/** The API's and the store's shape of a task's retry policy: every field optional, unset ones default. */
export const retryPolicyInput = z.object({
  maxAttempts: z.number().int().min(LIMITS.maxAttempts.min).max(LIMITS.maxAttempts.max).optional(),
  baseDelayMs: z.number().int().min(LIMITS.baseDelayMs.min).max(LIMITS.baseDelayMs.max).optional(),
  maxDelayMs: z.number().int().min(LIMITS.maxDelayMs.min).max(LIMITS.maxDelayMs.max).optional(),
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
  const baseDelayMs = clampField(o.baseDelayMs, d.baseDelayMs, LIMITS.baseDelayMs, true);
  const maxDelayMs = clampField(o.maxDelayMs, Math.max(d.maxDelayMs, baseDelayMs), LIMITS.maxDelayMs, true);
  return {
    maxAttempts: clampField(o.maxAttempts, d.maxAttempts, LIMITS.maxAttempts, true),
    baseDelayMs,
    // A cap below the base would make every delay the cap; the base is what the user asked for.
    maxDelayMs: Math.max(maxDelayMs, baseDelayMs),
    jitter: clampField(o.jitter, d.jitter, LIMITS.jitter, false),
    recovery: o.recovery === 'retry' ? 'retry' : d.recovery,
  };
}
