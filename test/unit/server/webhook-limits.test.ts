import { describe, expect, it } from 'vitest';
import { createWebhookLimiter } from '../../../src-main/server/webhook-limits';

function limiter(perTask = 3, perAddress = 5) {
  let now = 1_000_000;
  const limits = createWebhookLimiter({ perTask, perAddress, windowMs: 60_000, now: () => now });
  return { limits, advance: (ms: number) => (now += ms) };
}

describe('webhook bad-signature budgets', () => {
  it('holds a task off after its budget of failures, with the seconds until the oldest leaves the window', () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(limits.retryAfter('a', '127.0.0.1')).toBeNull();
      limits.recordFailure('a', '127.0.0.1');
      advance(10_000);
    }
    // Failures at 0 s, 10 s and 20 s; now is 30 s: the first leaves the window at 60 s.
    expect(limits.retryAfter('a', '127.0.0.1')).toBe(30);
    expect(limits.retryAfter('b', '127.0.0.1')).toBeNull();
    advance(30_000);
    expect(limits.retryAfter('a', '127.0.0.1')).toBeNull();
  });

  it('holds an address off after failures spread over many tasks', () => {
    const { limits } = limiter(3, 5);
    for (const task of ['a', 'b', 'c', 'd', 'e']) limits.recordFailure(task, '10.0.0.9');
    expect(limits.retryAfter('f', '10.0.0.9')).toBe(60);
    expect(limits.retryAfter('f', '10.0.0.10')).toBeNull();
  });

  it('never counts a delivery it was not told failed', () => {
    const { limits } = limiter(1, 1);
    for (let i = 0; i < 100; i++) expect(limits.retryAfter('a', '127.0.0.1')).toBeNull();
  });
});
