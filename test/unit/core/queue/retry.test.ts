import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/core/lib/errors';
import { backoffDelay, classifyError, retryDecision } from '../../../../src-main/core/queue/retry';
import { DEFAULT_RETRY_POLICY, parseRetryPolicy, retryPolicyInput } from '../../../../src-main/core/model/retry-policy';
import { ToolError } from '../../../../src-main/core/tools/tool';

const noJitter = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
const middle = (): number => 0.5;

describe('backoffDelay', () => {
  it('doubles from one second: 1 s, 2 s, 4 s, 8 s after attempts 1..4', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, noJitter, middle))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('keeps the jitter within ±20% of the delay at both ends of the random range', () => {
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(3200);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.999999)).toBeLessThanOrEqual(4800);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.999999)).toBeGreaterThan(4790);
  });

  it('never exceeds the cap, jitter included, even for huge attempt numbers', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 10_000 };
    expect(backoffDelay(5, policy, () => 0.999)).toBe(10_000);
    expect(backoffDelay(5000, policy, () => 0)).toBe(8000);
    expect(backoffDelay(5000, { ...policy, baseDelayMs: 0 }, middle)).toBe(0);
  });

  it('is never negative with full jitter', () => {
    expect(backoffDelay(1, { ...DEFAULT_RETRY_POLICY, jitter: 1 }, () => 0)).toBe(0);
  });
});

describe('retryDecision', () => {
  it('retries retryable errors and timeouts with the backoff delay while attempts remain', () => {
    expect(retryDecision({ kind: 'retryable' }, 1, noJitter, middle)).toEqual({ retry: true, delayMs: 1000 });
    expect(retryDecision({ kind: 'timeout' }, 2, noJitter, middle)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('stops once the last attempt failed and says how many were made', () => {
    expect(retryDecision({ kind: 'retryable' }, 3, noJitter, middle)).toEqual({
      retry: false,
      reason: 'attempts exhausted (3 of 3)',
    });
  });

  it('never retries permanent errors or cancellations, even on the first attempt', () => {
    expect(retryDecision({ kind: 'permanent' }, 1, noJitter, middle)).toEqual({
      retry: false,
      reason: 'permanent error',
    });
    expect(retryDecision({ kind: 'cancelled' }, 1, noJitter, middle)).toEqual({ retry: false, reason: 'cancelled' });
  });
});

describe('parseRetryPolicy', () => {
  it('fills defaults for an empty stored policy and for damaged JSON text', () => {
    expect(parseRetryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
    expect(parseRetryPolicy('{not json')).toEqual(DEFAULT_RETRY_POLICY);
  });

  it('reads snake_case fields from JSON text and clamps values out of range', () => {
    expect(
      parseRetryPolicy('{"maxAttempts":5,"baseDelayMs":500,"maxDelayMs":4000,"jitter":0,"recovery":"retry"}'),
    ).toEqual({
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 4000,
      jitter: 0,
      recovery: 'retry',
    });
    expect(parseRetryPolicy({ maxAttempts: 0, jitter: 7, baseDelayMs: -5, maxDelayMs: 1e12 })).toEqual({
      maxAttempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 24 * 3_600_000,
      jitter: 1,
      recovery: 'resume',
    });
  });

  it('never lets the cap fall below the base delay', () => {
    expect(parseRetryPolicy({ baseDelayMs: 5000, maxDelayMs: 100 })).toMatchObject({ maxDelayMs: 5000 });
  });

  it('the API schema names the field that is out of range', () => {
    const result = retryPolicyInput.safeParse({ maxAttempts: 50, jitter: 0.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['maxAttempts']);
  });
});

describe('classifyError', () => {
  const withCode = (code: string): Error => Object.assign(new Error(code), { code });
  const abort = (name: string): Error => Object.assign(new Error(name), { name });
  const http = (status: number): object => ({ status, message: `HTTP ${status}` });
  const zodError = ((): unknown => {
    try {
      z.number().parse('x');
    } catch (error) {
      return error;
    }
    throw new Error('zod accepted a string as a number');
  })();

  it.each([
    ['a ToolError keeps its kind', 'timeout', new ToolError('timeout', 'step took too long')],
    ['a permanent ToolError', 'permanent', new ToolError('permanent', 'exit 2')],
    ['an AbortError is a cancellation', 'cancelled', abort('AbortError')],
    ['AbortSignal.timeout() is a timeout', 'timeout', abort('TimeoutError')],
    ['ECONNRESET', 'retryable', withCode('ECONNRESET')],
    ['ECONNREFUSED', 'retryable', withCode('ECONNREFUSED')],
    ['ETIMEDOUT', 'retryable', withCode('ETIMEDOUT')],
    ['EAI_AGAIN', 'retryable', withCode('EAI_AGAIN')],
    ['ENOTFOUND (offline after wake-up)', 'retryable', withCode('ENOTFOUND')],
    [
      'fetch failed with a network cause',
      'retryable',
      new TypeError('fetch failed', { cause: withCode('ECONNRESET') }),
    ],
    ['HTTP 408', 'retryable', http(408)],
    ['HTTP 425', 'retryable', http(425)],
    ['HTTP 429', 'retryable', http(429)],
    ['HTTP 500', 'retryable', http(500)],
    ['HTTP 503 as statusCode', 'retryable', { statusCode: 503 }],
    ['HTTP 400', 'permanent', http(400)],
    ['HTTP 401', 'permanent', http(401)],
    ['HTTP 403', 'permanent', http(403)],
    ['HTTP 404', 'permanent', http(404)],
    ['HTTP 422', 'permanent', http(422)],
    ['a zod error', 'permanent', zodError],
    ['AppError validation_failed', 'permanent', new AppError('validation_failed', 'bad input')],
    ['ENOENT', 'permanent', withCode('ENOENT')],
    ['an unknown Error, which may have had side effects', 'permanent', new Error('boom')],
    ['a thrown string', 'permanent', 'boom'],
  ])('%s → %s', (_name, kind, error) => {
    expect(classifyError(error)).toBe(kind);
  });
});
