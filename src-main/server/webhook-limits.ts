// Bad-signature budgets for POST /hooks/<task id>. A sender that keeps failing the signature check
// is told to wait (429 with Retry-After) before its body is read or the keychain is asked again, so
// a flood of forged deliveries cannot queue up keychain calls. Only failures count: a correct
// delivery never uses up a budget and is never delayed.

export interface WebhookLimitOptions {
  /** Failed deliveries to one task within the window before that task refuses more. */
  perTask: number;
  /** Failed deliveries from one address (to any task) within the window before it refuses more. */
  perAddress: number;
  windowMs: number;
  /** Milliseconds on the wall clock; a parameter so the window can be tested without waiting. */
  now: () => number;
}

export const DEFAULT_WEBHOOK_LIMITS: Omit<WebhookLimitOptions, 'now'> = {
  perTask: 10,
  perAddress: 30,
  windowMs: 60_000,
};

/** Keys kept at most, so that forged task ids or many addresses cannot grow memory without end. */
const MAX_KEYS = 10_000;

export interface WebhookLimiter {
  /** Seconds to wait before trying again, or null when the delivery may go ahead. */
  retryAfter(taskId: string, address: string): number | null;
  recordFailure(taskId: string, address: string): void;
}

export function createWebhookLimiter(options: WebhookLimitOptions): WebhookLimiter {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((at) => now - at < options.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  function waitFor(key: string, limit: number, now: number): number | null {
    const times = recent(key, now);
    if (times.length < limit) return null;
    // The budget frees up when the oldest failure that still counts leaves the window.
    const oldest = times[times.length - limit]!;
    return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
  }

  function add(key: string, now: number, limit: number): void {
    const times = recent(key, now);
    times.push(now);
    // Only the last `limit` failures matter for the answer; older ones are dropped.
    failures.set(key, times.slice(-limit));
    if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
  }

  return {
    retryAfter(taskId, address) {
      const now = options.now();
      const waits = [
        waitFor(`task:${taskId}`, options.perTask, now),
        waitFor(`address:${address}`, options.perAddress, now),
      ].filter((wait): wait is number => wait !== null);
      return waits.length > 0 ? Math.max(...waits) : null;
    },
    recordFailure(taskId, address) {
      const now = options.now();
      add(`task:${taskId}`, now, options.perTask);
      add(`address:${address}`, now, options.perAddress);
    },
  };
}
