// POST /hooks/<task id>: a task's webhook. No API token here; the body's HMAC signature with the
// task's webhook secret is the credential, checked by the runtime (webhooks.receive). Senders that
// keep failing that check are held off by the limiter before their body is read.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from '../core/lib/errors';
import type { RuntimeApi } from '../core/runtime';
import { WEBHOOK_MAX_BODY_BYTES, WEBHOOK_SIGNATURE_HEADER } from '../core/webhooks/signature';
import { HttpRefusal, readWithin, type BodyLimits } from './request-body';
import type { WebhookLimiter } from './webhook-limits';

export interface WebhookRoute {
  api: RuntimeApi;
  limits: BodyLimits;
  limiter: WebhookLimiter;
}

export async function receiveWebhook(c: Context, route: WebhookRoute): Promise<Response> {
  const taskId = c.req.param('id') ?? '';
  const address = senderAddress(c);
  const wait = route.limiter.retryAfter(taskId, address);
  if (wait !== null) {
    throw new AppError(
      'rate_limited',
      `Too many deliveries to this webhook failed their signature check; try again in ${wait} s.`,
      { retryAfterSeconds: wait },
    );
  }
  try {
    return await deliver(c, route.api, route.limits);
  } catch (error) {
    if (AppError.isInstance(error) && error.code === 'unauthorized') route.limiter.recordFailure(taskId, address);
    throw error;
  }
}

function senderAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // A request that did not come through Node's HTTP server (an in-process test) has no socket.
    return 'unknown';
  }
}

async function deliver(c: Context, api: RuntimeApi, limits: BodyLimits): Promise<Response> {
  const type = c.req.header('content-type') ?? 'application/json';
  if (!type.startsWith('application/json')) {
    throw new HttpRefusal(400, 'Webhook requests must have Content-Type: application/json.', {
      contentType: type.slice(0, 100),
    });
  }
  const raw = await readWithin(c.req.raw, {
    ...limits,
    maxBytes: Math.min(limits.maxBytes, WEBHOOK_MAX_BODY_BYTES),
  });
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpRefusal(400, 'The webhook body is not UTF-8 text, so it cannot be JSON.');
  }
  const signature = c.req.header(WEBHOOK_SIGNATURE_HEADER);
  const run = await api.invoke('webhooks.receive', {
    id: c.req.param('id'),
    body,
    ...(signature === undefined ? {} : { signature }),
  });
  return c.json(run as object, 202, { 'Cache-Control': 'no-store' });
}
