// A task's webhook secret and the signature a sender puts on each body: HMAC-SHA256 of the raw
// body with the secret, hex, sent as `X-Ridgeline-Signature: sha256=<hex>`, compared in constant time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_PATH_PREFIX = '/hooks/';
export const WEBHOOK_SIGNATURE_HEADER = 'X-Ridgeline-Signature';
/** Webhook bodies are params, not uploads: a quarter of a MiB is plenty. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/** Where a task's webhook secret is kept in the secret store (never in the database). */
export function webhookSecretName(taskId: string): string {
  return `webhook.${taskId}`;
}

export function newWebhookSecret(): string {
  return `rlwh_${randomBytes(32).toString('hex')}`;
}

/** The header value a sender computes: `sha256=<hex>`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** True when `header` is the body's signature with this secret; the comparison takes the same time whatever differs. */
export function webhookSignatureMatches(secret: string, body: string, header: string): boolean {
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header.trim().toLowerCase());
  // Every signature has the same length, so refusing another length early reveals nothing.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
